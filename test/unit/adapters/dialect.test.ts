import { duckdbDialect as d } from '../../../src/adapters/duckdb/dialect';
import { openAdapter } from '../../../src/adapters/duckdb/adapter';
import type { Adapter, Connection, Relation } from '../../../src/adapters/adapter';

const rel = (identifier: string): Relation => ({ database: 'memory', schema: 'main', identifier });

describe('duckdb dialect text', () => {
  test('quotes identifiers and escapes embedded double quotes', () => {
    expect(d.quote('My "odd" Col')).toBe('"My ""odd"" Col"');
    expect(d.literal("it's")).toBe("'it''s'");
  });

  test('renders relations fully qualified and quoted', () => {
    expect(d.renderRelation({ database: 'streamflix', schema: 'main', identifier: 'Users' })).toBe('"streamflix"."main"."Users"');
  });

  test('wraps model SQL so trailing semicolons and line comments stay harmless', () => {
    expect(d.createViewAs(rel('v'), 'select 1 as x -- note;\n')).toBe('CREATE VIEW "memory"."main"."v" AS (\nselect 1 as x -- note\n)');
    expect(d.createTableAs(rel('t'), 'select 1;  \n')).toBe('CREATE TABLE "memory"."main"."t" AS (\nselect 1\n)');
  });

  test('drop and rename name the relation type', () => {
    expect(d.drop(rel('v'), 'view')).toBe('DROP VIEW IF EXISTS "memory"."main"."v" CASCADE');
    expect(d.rename(rel('t'), 'table', 't2')).toBe('ALTER TABLE "memory"."main"."t" RENAME TO "t2"');
  });
});

describe('duckdb dialect statements run on DuckDB', () => {
  let adapter: Adapter;
  let conn: Connection;
  const rows = async (sql: string) => (await conn.query(sql)).rows;

  beforeEach(async () => {
    adapter = await openAdapter({ path: ':memory:', threads: 1 });
    conn = await adapter.acquire();
    await conn.execute(`${d.createSchema('memory', 'Staging Area')}; ${d.createSchema('memory', 'Staging Area')}`);
    await conn.execute(d.createTableAs(rel('target'), "select 1 as id, 'a' as v union all select 2, 'b'"));
  });

  afterEach(async () => {
    adapter.release(conn);
    await adapter.close();
  });

  test('createSchema is idempotent and schema names may contain spaces', async () => {
    const target = { database: 'memory', schema: 'Staging Area', identifier: 'x' };
    await conn.execute(d.createViewAs(target, 'select 42 as answer'));
    expect(await rows(`select * from ${d.renderRelation(target)}`)).toEqual([{ answer: 42 }]);
  });

  test('rename then drop a view', async () => {
    await conn.execute(d.createViewAs(rel('v'), 'select 1 as x'));
    await conn.execute(d.rename(rel('v'), 'view', 'v2'));
    expect(await conn.getRelation(rel('v'))).toBeNull();
    expect(await conn.getRelation(rel('v2'))).toEqual({ type: 'view' });
    await conn.execute(d.drop(rel('v2'), 'view'));
    expect(await conn.getRelation(rel('v2'))).toBeNull();
  });

  test('insertInto with and without a column list', async () => {
    await conn.execute(d.insertInto(rel('target'), "select 3 as id, 'c' as v"));
    await conn.execute(d.insertInto(rel('target'), "select 'd' as v, 4 as id, 'ignored' as extra", ['id', 'v']));
    expect(await rows('select * from target order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
      { id: 3, v: 'c' },
      { id: 4, v: 'd' },
    ]);
  });

  test('deleteWhereKeysIn removes rows whose keys appear in the source', async () => {
    await conn.execute(d.deleteWhereKeysIn(rel('target'), 'select 2 as id, 99 as other', ['id']));
    expect(await rows('select id from target order by id')).toEqual([{ id: 1 }]);
  });

  test('deleteWhereKeysIn matches on every column of a composite key', async () => {
    await conn.execute(d.deleteWhereKeysIn(rel('target'), "select 1 as id, 'x' as v union all select 2, 'b'", ['id', 'v']));
    expect(await rows('select id from target order by id')).toEqual([{ id: 1 }]);
  });

  test('mergeInto updates matched keys and inserts new ones', async () => {
    const source = "select 2 as id, 'B' as v union all select 3, 'c'";
    await conn.execute(d.mergeInto(rel('target'), source, { uniqueKey: ['id'], columns: ['id', 'v'] }));
    expect(await rows('select * from target order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'B' },
      { id: 3, v: 'c' },
    ]);
  });

  test('mergeInto with no update columns only inserts', async () => {
    const source = "select 2 as id, 'B' as v union all select 3, 'c'";
    await conn.execute(d.mergeInto(rel('target'), source, { uniqueKey: ['id'], columns: ['id', 'v'], updateColumns: [] }));
    expect(await rows('select v from target order by id')).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });
});
