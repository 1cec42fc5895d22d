import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAdapter } from '../../../src/adapters/duckdb/adapter';
import { WarehouseError, type Adapter } from '../../../src/adapters/adapter';
import { rejection } from '../../helpers/rejection';

let dir: string;
const opened: Adapter[] = [];

async function open(file: string, extra: Partial<Parameters<typeof openAdapter>[0]> = {}): Promise<Adapter> {
  const adapter = await openAdapter({ path: join(dir, file), threads: 2, ...extra });
  opened.push(adapter);
  return adapter;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsdbt-adapter-'));
});

afterEach(async () => {
  for (const adapter of opened.splice(0)) await adapter.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening databases', () => {
  test('the catalog is named after the file, and missing folders are created', async () => {
    const adapter = await open('nested/dir/streamflix.duckdb');
    expect(adapter.type).toBe('duckdb');
    expect(adapter.database).toBe('streamflix');
  });

  test(':memory: databases are named memory and are separate from each other', async () => {
    const a = await openAdapter({ path: ':memory:', threads: 1 });
    const b = await openAdapter({ path: ':memory:', threads: 1 });
    opened.push(a, b);
    expect(a.database).toBe('memory');
    const ca = await a.acquire();
    await ca.execute('create table only_in_a as select 1 as x');
    const cb = await b.acquire();
    expect(await cb.getRelation({ database: 'memory', schema: 'main', identifier: 'only_in_a' })).toBeNull();
  });

  test("two adapters on one file share one instance and see each other's writes", async () => {
    const a = await open('shared.duckdb');
    const b = await open('shared.duckdb');
    const ca = await a.acquire();
    await ca.execute('create table t as select 7 as x');
    const cb = await b.acquire();
    expect((await cb.query('select x from t')).rows).toEqual([{ x: 7 }]);
    b.release(cb);
    await b.close();
    // The instance stays open for the adapter still using it.
    expect((await ca.query('select x from t')).rows).toEqual([{ x: 7 }]);
  });

  test('data persists after close and reopen', async () => {
    const a = await open('persist.duckdb');
    const c = await a.acquire();
    await c.execute('create table t as select 1 as x');
    a.release(c);
    await a.close();
    const b = await open('persist.duckdb');
    expect((await (await b.acquire()).query('select count(*) as n from t')).rows).toEqual([{ n: 1 }]);
  });

  test('settings are applied and extension autoloading is off unless extensions are requested', async () => {
    const adapter = await open('settings.duckdb', { settings: { threads: 1, memory_limit: '512MB' } });
    const c = await adapter.acquire();
    const { rows } = await c.query(
      "select current_setting('threads') as threads, current_setting('autoinstall_known_extensions') as install, " +
        "current_setting('autoload_known_extensions') as autoload",
    );
    expect(rows).toEqual([{ threads: 1, install: false, autoload: false }]);
  });

  test('requested built-in extensions are loaded', async () => {
    const adapter = await open('ext.duckdb', { extensions: ['json'] });
    const c = await adapter.acquire();
    const { rows } = await c.query("select loaded from duckdb_extensions() where extension_name = 'json'");
    expect(rows).toEqual([{ loaded: true }]);
  });

  test('an unknown setting is a WarehouseError naming the file', async () => {
    const error = await rejection(open('bad.duckdb', { settings: { no_such_setting: 1 } }), WarehouseError);
    expect(error.message).toContain(join(dir, 'bad.duckdb'));
    expect(error.message).toContain('no_such_setting');
  });

  test('threads must be a positive integer', async () => {
    await expect(open('zero.duckdb', { threads: 0 })).rejects.toThrow('positive integer');
  });
});

describe('a file locked by another process', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child?.pid) process.kill(child.pid);
    child = undefined;
  });

  test('fails with a message naming the file, the holder and what to do', async () => {
    const file = join(dir, 'locked.duckdb');
    const api = require.resolve('@duckdb/node-api');
    const script =
      `const { DuckDBInstance } = require(${JSON.stringify(api)});` +
      `DuckDBInstance.create(${JSON.stringify(file)}).then(i => i.connect()).then(() => { console.log('ready'); setInterval(() => {}, 1000); });`;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child = holder;
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      holder.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });

    const error = await rejection(openAdapter({ path: file, threads: 1 }), WarehouseError);
    expect(error.kind).toBe('Lock Error');
    expect(error.message).toContain(`Database file ${file} is locked by another process`);
    expect(error.message).toContain(`PID ${holder.pid}`);
    expect(error.message).toContain('close that process');
  });
});

describe('queries', () => {
  let adapter: Adapter;
  beforeEach(async () => {
    adapter = await open('q.duckdb');
  });

  test('values come back JSON-safe and lossless', async () => {
    const c = await adapter.acquire();
    const { columns, rows } = await c.query(`
      select count(*) as n, 9007199254740993::bigint as big, 170141183460469231731687303715884105727::hugeint as huge,
             1.50::decimal(10,2) as small_dec, 1234567890123456.78::decimal(18,2) as wide_dec,
             date '2024-02-29' as d, timestamp '2024-02-29 10:11:12' as ts, 0.5::double as dbl, null as nothing,
             [1, 2] as list`);
    expect(rows).toEqual([
      {
        n: 1,
        big: '9007199254740993',
        huge: '170141183460469231731687303715884105727',
        small_dec: 1.5,
        wide_dec: '1234567890123456.78',
        d: '2024-02-29',
        ts: '2024-02-29 10:11:12',
        dbl: 0.5,
        nothing: null,
        list: [1, 2],
      },
    ]);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
    expect(columns.map((col) => col.type)).toEqual([
      'BIGINT',
      'BIGINT',
      'HUGEINT',
      'DECIMAL(10,2)',
      'DECIMAL(18,2)',
      'DATE',
      'TIMESTAMP',
      'DOUBLE',
      'INTEGER',
      'INTEGER[]',
    ]);
  });

  test('limit caps the rows returned', async () => {
    const c = await adapter.acquire();
    const { rows } = await c.query('select * from range(100000) t(i)', 3);
    expect(rows).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });

  test('several statements run in order and the last one answers', async () => {
    const c = await adapter.acquire();
    await c.execute('create table t (x int); insert into t values (1); insert into t values (2)');
    const { rows } = await c.query('insert into t values (3); select sum(x) as total from t');
    expect(rows).toEqual([{ total: 6 }]);
  });

  test('DuckDB errors become WarehouseErrors with kind and SQL line', async () => {
    const c = await adapter.acquire();
    const catalog = await rejection(c.query('select 1 as x,\n  2 as y\nfrom missing_table'), WarehouseError);
    expect(catalog.kind).toBe('Catalog Error');
    expect(catalog.line).toBe(3);
    expect(catalog.message).toContain('missing_table');
    const parser = await rejection(c.execute('select * frm x'), WarehouseError);
    expect(parser.kind).toBe('Parser Error');
    expect(parser.line).toBe(1);
    const conversion = await rejection(c.query("select 'abc'::integer"), WarehouseError);
    expect(conversion.kind).toBe('Conversion Error');
  });

  test('catalog lookups: relations, types and columns, case-insensitively', async () => {
    const c = await adapter.acquire();
    await c.execute(`create schema "Marts"; create table "Marts"."Orders" ("Order Id" integer, amount decimal(10,2));
      create view "Marts".recent as select * from "Marts"."Orders"`);
    expect(await c.listRelations('q', 'marts')).toEqual([
      { identifier: 'Orders', type: 'table' },
      { identifier: 'recent', type: 'view' },
    ]);
    expect(await c.getRelation({ database: 'Q', schema: 'marts', identifier: 'orders' })).toEqual({ type: 'table' });
    expect(await c.getRelation({ database: 'q', schema: 'marts', identifier: 'nope' })).toBeNull();
    expect(await c.getColumns({ database: 'q', schema: 'Marts', identifier: 'recent' })).toEqual([
      { name: 'Order Id', dataType: 'INTEGER' },
      { name: 'amount', dataType: 'DECIMAL(10,2)' },
    ]);
  });

  test('rollback undoes a transaction, commit keeps it', async () => {
    const c = await adapter.acquire();
    await c.execute('create table t (x int)');
    await c.begin();
    await c.execute('insert into t values (1)');
    await c.rollback();
    await c.begin();
    await c.execute('insert into t values (2)');
    await c.commit();
    expect((await c.query('select x from t')).rows).toEqual([{ x: 2 }]);
  });
});

describe('connection pool', () => {
  test('hands out at most `threads` connections and queues the rest', async () => {
    const adapter = await open('pool.duckdb', { threads: 2 });
    const first = await adapter.acquire();
    const second = await adapter.acquire();
    expect(second).not.toBe(first);
    let third: unknown;
    const waiting = adapter.acquire().then((c) => (third = c));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBeUndefined();
    adapter.release(first);
    await waiting;
    expect(third).toBe(first);
  });

  test('connections run queries in parallel', async () => {
    const adapter = await open('parallel.duckdb', { threads: 2 });
    const [a, b] = await Promise.all([adapter.acquire(), adapter.acquire()]);
    const [ra, rb] = await Promise.all([a.query('select 1 as x'), b.query('select 2 as x')]);
    expect([ra.rows, rb.rows]).toEqual([[{ x: 1 }], [{ x: 2 }]]);
  });

  test('acquire after close fails', async () => {
    const adapter = await open('closed.duckdb');
    await adapter.close();
    await expect(adapter.acquire()).rejects.toThrow('closed');
  });
});
