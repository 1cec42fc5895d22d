import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WarehouseError, type Adapter, type Connection } from '../../../src/adapters/adapter';
import { openAdapter } from '../../../src/adapters/duckdb/adapter';
import { PostgresWarehouseConnection } from '../../../src/adapters/postgres/connection';
import { describePostgres } from '../../helpers/postgres';
import { rejection } from '../../helpers/rejection';

/** The same contract on every engine: one call, all or nothing, and the failing statement named with its own line. */
function transactionContract(connection: () => Connection): void {
  const tables = async (c: Connection) =>
    (await c.query("select table_name from information_schema.tables where table_name like 'tx\\_%' escape '\\' order by 1")).rows.map((row) => row.table_name);

  test('commits every statement, including one ending in a line comment', async () => {
    const c = connection();
    await c.transaction(['create table tx_a as select 1 as id -- the first', 'insert into tx_a values (2)']);
    expect((await c.query('select id from tx_a order by id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('a statement failing past the parser rolls everything back and is named, with its own line', async () => {
    const c = connection();
    const error = await rejection(c.transaction(['create table tx_b as select 1 as id', 'create table tx_c as\nselect\n  nope\nfrom tx_b']), WarehouseError);
    expect(error.statement).toBe(1);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/nope/);
    expect(error.message).toMatch(/\nLINE 3:/);
    expect(await tables(c)).not.toContain('tx_b');
  });

  test('a syntax error runs nothing and names its statement and line', async () => {
    const c = connection();
    const error = await rejection(c.transaction(['create table tx_d as select 1 as id', 'select 1', 'select\n  from from tx_d']), WarehouseError);
    expect(error.statement).toBe(2);
    expect(error.line).toBe(2);
    expect(await tables(c)).not.toContain('tx_d');
    await c.transaction(['create table tx_e as select 1 as id']);
    expect(await tables(c)).toContain('tx_e');
  });

  test('an error found while running rolls back and leaves the connection usable', async () => {
    const c = connection();
    const error = await rejection(c.transaction(['create table tx_f as select 1 as id', "select cast('x' as integer)"]), WarehouseError);
    expect(error.message).toMatch(/'?x'?/);
    expect(await tables(c)).not.toContain('tx_f');
    expect((await c.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
}

describe('DuckDB transactions', () => {
  let dir: string;
  let adapter: Adapter;
  let conn: Connection;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-tx-'));
    adapter = await openAdapter({ path: join(dir, 'tx.duckdb'), threads: 1 });
    conn = await adapter.acquire();
  });
  afterEach(async () => {
    adapter.release(conn);
    await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  });
  transactionContract(() => conn);
});

describePostgres('PostgreSQL transactions', (server) => {
  let conn: PostgresWarehouseConnection;
  beforeEach(async () => {
    const { host, port, user, password, dbname } = server();
    const client = new Client({ host, port, user, password, database: dbname });
    await client.connect();
    conn = new PostgresWarehouseConnection(client);
    await conn.execute('drop schema public cascade; create schema public');
  });
  afterEach(() => conn.close());
  transactionContract(() => conn);
});
