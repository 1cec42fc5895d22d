import type { CatalogRelation } from '../../../src/adapters/adapter';
import { catalogSchemas, shapeCatalog, type CatalogEntry } from '../../../src/docs/catalog';

const METADATA = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' };

const orders: CatalogRelation = {
  database: 'Shop',
  schema: 'Main',
  name: 'ORDERS',
  type: 'BASE TABLE',
  comment: 'one row per order',
  owner: null,
  rowCount: 42,
  columns: [
    { name: 'amount', type: 'DECIMAL(10,2)', index: 2, comment: null },
    { name: 'id', type: 'INTEGER', index: 1, comment: 'key' },
  ],
};
const view: CatalogRelation = { database: 'shop', schema: 'main', name: 'stg_orders', type: 'VIEW', comment: null, owner: null, columns: [] };

const entries: CatalogEntry[] = [
  { uniqueId: 'model.shop.orders', kind: 'node', database: 'shop', schema: 'main', identifier: 'orders' },
  { uniqueId: 'model.shop.stg_orders', kind: 'node', database: 'shop', schema: 'main', identifier: 'stg_orders' },
  { uniqueId: 'model.shop.not_built', kind: 'node', database: 'shop', schema: 'main', identifier: 'not_built' },
  { uniqueId: 'source.shop.raw.orders', kind: 'source', database: 'shop', schema: 'raw', identifier: 'orders' },
];

describe('catalog.json shaping', () => {
  it("gives each table dbt's catalog v1 shape: metadata, columns by name in index order, stats and unique_id", () => {
    const catalog = shapeCatalog(entries, [orders, view], METADATA);
    expect(catalog.metadata).toBe(METADATA);
    expect(catalog.errors).toBeNull();
    expect(catalog.nodes['model.shop.orders']).toEqual({
      metadata: { type: 'BASE TABLE', schema: 'Main', name: 'ORDERS', database: 'Shop', comment: 'one row per order', owner: null },
      columns: {
        id: { type: 'INTEGER', index: 1, name: 'id', comment: 'key' },
        amount: { type: 'DECIMAL(10,2)', index: 2, name: 'amount', comment: null },
      },
      stats: {
        row_count: { id: 'row_count', label: 'Row Count', value: 42, include: true, description: 'Number of rows in the table' },
        has_stats: { id: 'has_stats', label: 'Has Stats?', value: true, include: false, description: 'Indicates whether there are statistics for this table' },
      },
      unique_id: 'model.shop.orders',
    });
    expect(Object.keys(catalog.nodes['model.shop.orders'].columns)).toEqual(['id', 'amount']);
  });

  it('says has_stats false where the warehouse keeps no statistics (views)', () => {
    const catalog = shapeCatalog(entries, [view], METADATA);
    expect(catalog.nodes['model.shop.stg_orders'].stats).toEqual({
      has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: 'Indicates whether there are statistics for this table' },
    });
  });

  it('matches relations case-insensitively, leaves out entries with no relation and ignores relations of no entry', () => {
    const stray: CatalogRelation = { ...view, name: 'leftover' };
    const catalog = shapeCatalog(entries, [orders, stray], METADATA);
    expect(Object.keys(catalog.nodes)).toEqual(['model.shop.orders']);
    expect(catalog.sources).toEqual({});
  });

  it('puts sources under sources', () => {
    const raw: CatalogRelation = { ...view, schema: 'raw', name: 'orders', type: 'BASE TABLE' };
    const catalog = shapeCatalog(entries, [raw], METADATA);
    expect(Object.keys(catalog.sources)).toEqual(['source.shop.raw.orders']);
    expect(catalog.nodes).toEqual({});
  });

  it('asks the warehouse about each schema once', () => {
    expect(catalogSchemas(entries)).toEqual([
      { database: 'shop', schema: 'main' },
      { database: 'shop', schema: 'raw' },
    ]);
    expect(catalogSchemas([...entries, { ...entries[0], database: 'SHOP', schema: 'MAIN' }])).toHaveLength(2);
  });
});
