import { openAdapter } from '../../../src/adapters/duckdb/adapter';
import type { Adapter, Connection } from '../../../src/adapters/adapter';

/** Connection.catalog on DuckDB: the relations of the asked schemas with columns, comments and row counts. */
describe('duckdb catalog', () => {
  let adapter: Adapter;
  let conn: Connection;

  beforeAll(async () => {
    adapter = await openAdapter({ path: ':memory:', threads: 1 });
    conn = await adapter.acquire();
    await conn.execute(`
      CREATE SCHEMA marts; CREATE SCHEMA other;
      CREATE TABLE marts.users (id INTEGER, name VARCHAR, joined DATE);
      INSERT INTO marts.users VALUES (1, 'ann', DATE '2024-01-01'), (2, 'bob', NULL);
      COMMENT ON TABLE marts.users IS 'one row per user';
      COMMENT ON COLUMN marts.users.name IS 'display name';
      CREATE VIEW marts.active AS SELECT id FROM marts.users WHERE joined IS NOT NULL;
      CREATE TABLE other.elsewhere (x INTEGER);
      CREATE TEMP TABLE scratch (y INTEGER);
    `);
  });

  afterAll(async () => {
    adapter.release(conn);
    await adapter.close();
  });

  it('lists tables and views of the asked schemas only (schema names case-insensitive), columns in order', async () => {
    const relations = await conn.catalog([{ database: 'memory', schema: 'MARTS' }]);
    expect(relations).toEqual([
      {
        database: 'memory',
        schema: 'marts',
        name: 'active',
        type: 'VIEW',
        comment: null,
        owner: null,
        columns: [{ name: 'id', type: 'INTEGER', index: 1, comment: null }],
      },
      {
        database: 'memory',
        schema: 'marts',
        name: 'users',
        type: 'BASE TABLE',
        comment: 'one row per user',
        owner: null,
        rowCount: 2,
        columns: [
          { name: 'id', type: 'INTEGER', index: 1, comment: null },
          { name: 'name', type: 'VARCHAR', index: 2, comment: 'display name' },
          { name: 'joined', type: 'DATE', index: 3, comment: null },
        ],
      },
    ]);
  });

  it('answers nothing for no schemas or unknown ones', async () => {
    expect(await conn.catalog([])).toEqual([]);
    expect(await conn.catalog([{ database: 'memory', schema: 'missing' }])).toEqual([]);
  });
});
