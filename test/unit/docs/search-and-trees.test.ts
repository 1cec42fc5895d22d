import { resourcesOf, type ManifestJson, type Resource } from '../../../src/docs/site/data';
import { search } from '../../../src/docs/site/search';
import { databaseTree, projectTree } from '../../../src/docs/site/trees';

const resources: Resource[] = [
  {
    unique_id: 'model.shop.dim_users',
    resource_type: 'model',
    package_name: 'shop',
    name: 'dim_users',
    original_file_path: 'models/marts/dim_users.sql',
    database: 'shop',
    schema: 'main',
    alias: 'dim_users',
    description: 'One row per user',
    columns: { lifetime_value: { name: 'lifetime_value', description: 'Sum of payments' } },
  },
  {
    unique_id: 'model.shop.stg_users',
    resource_type: 'model',
    package_name: 'shop',
    name: 'stg_users',
    original_file_path: 'models/staging/stg_users.sql',
    database: 'shop',
    schema: 'main',
    alias: 'stg_users',
    description: 'Cleaned dim_users input',
    config: { materialized: 'view' },
  },
  {
    unique_id: 'model.shop.eph',
    resource_type: 'model',
    package_name: 'shop',
    name: 'eph',
    original_file_path: 'models/eph.sql',
    database: 'shop',
    schema: 'main',
    config: { materialized: 'ephemeral' },
  },
  {
    unique_id: 'source.shop.raw.users',
    resource_type: 'source',
    package_name: 'shop',
    name: 'users',
    source_name: 'raw',
    database: 'shop',
    schema: 'raw',
    identifier: 'users_v2',
  },
  { unique_id: 'test.shop.unique_x', resource_type: 'test', package_name: 'shop', name: 'unique_x', original_file_path: 'models/marts/schema.yml' },
  { unique_id: 'macro.util.cents', resource_type: 'macro', package_name: 'util', name: 'cents', original_file_path: 'macros/cents.sql' },
];

describe('search', () => {
  it('finds by name first (exact names lead), then by description', () => {
    expect(search(resources, 'dim_users').map((hit) => [hit.uniqueId, hit.field])).toEqual([
      ['model.shop.dim_users', 'name'],
      ['model.shop.stg_users', 'description'],
    ]);
  });

  it('finds by column name, case-insensitively, needing every word', () => {
    expect(search(resources, 'LIFETIME')).toEqual([{ uniqueId: 'model.shop.dim_users', field: 'column', excerpt: 'lifetime_value' }]);
    expect(search(resources, 'users payments').map((hit) => hit.uniqueId)).toEqual(['model.shop.dim_users']);
    expect(search(resources, '   ')).toEqual([]);
  });
});

describe('trees', () => {
  it('project tree: the project first, then packages; folders of each file; sources by source name; no tests', () => {
    const tree = projectTree(resources, 'shop');
    expect(tree.map((n) => n.label)).toEqual(['shop', 'util']);
    const shop = tree[0];
    expect(shop.children.map((n) => n.label)).toEqual(['models', 'Sources']);
    const models = shop.children[0];
    expect(models.children.map((n) => n.label)).toEqual(['marts', 'staging', 'eph']);
    expect(models.children[0].children).toEqual([{ label: 'dim_users', uniqueId: 'model.shop.dim_users', resourceType: 'model', children: [] }]);
    expect(shop.children[1].children[0].children.map((n) => n.uniqueId)).toEqual(['source.shop.raw.users']);
  });

  it('database tree: database, schema and relation names; nothing for ephemeral models, tests or macros', () => {
    expect(databaseTree(resources)).toEqual([
      {
        label: 'shop',
        children: [
          {
            label: 'main',
            children: [
              { label: 'dim_users', uniqueId: 'model.shop.dim_users', resourceType: 'model', children: [] },
              { label: 'stg_users', uniqueId: 'model.shop.stg_users', resourceType: 'model', children: [] },
            ],
          },
          { label: 'raw', children: [{ label: 'users_v2', uniqueId: 'source.shop.raw.users', resourceType: 'source', children: [] }] },
        ],
      },
    ]);
  });
});

test('a model version is shown as <name>.v<version>, other resources by their name', () => {
  const version = (v: number | null): Resource => ({
    unique_id: `model.shop.orders${v === null ? '' : `.v${v}`}`,
    resource_type: 'model',
    package_name: 'shop',
    name: 'orders',
    version: v,
  });
  const manifest = { nodes: { a: version(1), b: version(2), c: version(null) }, sources: {}, macros: {} } as unknown as ManifestJson;
  expect([...resourcesOf(manifest).values()].map((r) => r.name)).toEqual(['orders.v1', 'orders.v2', 'orders']);
});
