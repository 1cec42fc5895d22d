import type { SelectableNode } from '../../../src/graph/selectable-node';
import { SelectorSyntaxError } from '../../../src/graph/selector';
import type { ManifestJson } from '../../../src/docs/site/data';
import { Lineage } from '../../../src/docs/site/lineage';

function node(uniqueId: string, extra: Partial<SelectableNode> = {}): SelectableNode {
  const [resourceType, packageName, ...rest] = uniqueId.split('.');
  const name = rest[rest.length - 1];
  return {
    uniqueId,
    name,
    resourceType: resourceType as SelectableNode['resourceType'],
    packageName,
    fqn: [packageName, name],
    originalFilePath: `models/${name}.sql`,
    tags: [],
    config: {},
    ...extra,
  };
}

const selectable = [
  node('source.shop.raw.users', { sourceName: 'raw' }),
  node('model.shop.stg_users'),
  node('model.shop.dim_users', { tags: ['nightly'] }),
  node('model.shop.fct_orders'),
  node('test.shop.unique_dim_users_id', { testType: 'generic', testName: 'unique', attachedNodes: ['model.shop.dim_users'] }),
];
const manifest = {
  parent_map: {
    'source.shop.raw.users': [],
    'model.shop.stg_users': ['source.shop.raw.users'],
    'model.shop.dim_users': ['model.shop.stg_users'],
    'model.shop.fct_orders': [],
    'test.shop.unique_dim_users_id': ['model.shop.dim_users'],
  },
} as unknown as ManifestJson;

describe('lineage in the docs site', () => {
  const lineage = new Lineage(manifest, selectable);

  it('shows the whole DAG without tests when nothing is typed', () => {
    const view = lineage.view('', '');
    expect(view.nodes).toEqual(expect.arrayContaining(['source.shop.raw.users', 'model.shop.stg_users', 'model.shop.dim_users', 'model.shop.fct_orders']));
    expect(view.nodes).toHaveLength(4);
    expect(view.edges).toEqual([
      ['source.shop.raw.users', 'model.shop.stg_users'],
      ['model.shop.stg_users', 'model.shop.dim_users'],
    ]);
    expect(view.truncated).toBe(false);
  });

  it("selects with the CLI's syntax: graph operators, methods and --exclude", () => {
    expect(new Set(lineage.view('+dim_users', '').nodes)).toEqual(new Set(['source.shop.raw.users', 'model.shop.stg_users', 'model.shop.dim_users']));
    expect(lineage.view('tag:nightly', '').nodes).toEqual(['model.shop.dim_users']);
    expect(new Set(lineage.view('+dim_users', 'source:raw').nodes)).toEqual(new Set(['model.shop.stg_users', 'model.shop.dim_users']));
    expect(lineage.view('source:raw.users+', 'dim_users').edges).toEqual([['source.shop.raw.users', 'model.shop.stg_users']]);
  });

  it('reports selection tokens that match nothing and throws on bad syntax', () => {
    expect(lineage.view('nope', '').unmatched).toEqual(['nope']);
    expect(() => lineage.view('bogus_method:x', '')).toThrow(SelectorSyntaxError);
  });

  it('draws at most `limit` nodes, parents first, and says it cut', () => {
    const view = lineage.view('', '', 2);
    expect(view).toMatchObject({ selectedCount: 4, truncated: true });
    expect(view.nodes).toHaveLength(2);
    for (const [from, to] of view.edges) expect(view.nodes).toEqual(expect.arrayContaining([from, to]));
  });
});
