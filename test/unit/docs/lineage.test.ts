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

describe('lineage of a deep graph with long edges', () => {
  // m_i reads m_(i-1) and m_(i/2): the edges from the halves cross ever more layers.
  const count = 200;
  const selectable = Array.from({ length: count }, (_, i) => node(`model.deep.m${i}`));
  const parentMap: Record<string, string[]> = { 'model.deep.m0': [] };
  for (let i = 1; i < count; i++) parentMap[`model.deep.m${i}`] = [`model.deep.m${i - 1}`, `model.deep.m${Math.floor(i / 2)}`];
  const lineage = new Lineage({ parent_map: parentMap } as unknown as ManifestJson, selectable);

  it('stops before nodes plus the layers their edges cross exceed the layout budget', () => {
    const view = lineage.view('', '', 1000, 500);
    expect(view.truncated).toBe(true);
    // Nodes are a chain: node k sits on layer k, and its edge from k/2 crosses k - k/2 - 1 layers.
    const cells = view.nodes.reduce((sum, _, k) => sum + 1 + (k > 1 ? k - Math.floor(k / 2) - 1 : 0), 0);
    expect(cells).toBeLessThanOrEqual(500);
    const next = view.nodes.length;
    expect(cells + 1 + next - Math.floor(next / 2) - 1).toBeGreaterThan(500);
  });

  it('keeps every edge between the nodes it shows', () => {
    const view = lineage.view('', '', 1000, 500);
    const shown = new Set(view.nodes);
    const expected = view.nodes.flatMap((id) => parentMap[id].filter((p) => shown.has(p)).map((p) => `${p}>${id}`));
    expect(new Set(view.edges.map(([a, b]) => `${a}>${b}`))).toEqual(new Set(expected));
  });
});
