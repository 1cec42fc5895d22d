import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt } from '../../helpers/project';
import { expectRun, project, resultsByName, rows, runResults, statusOf } from './helpers';

/** a -> b -> c, and an independent d; `a`'s id is tested by `testConfig`. */
function chain(aSql: string, testConfig = '{}') {
  return project({
    'models/a.sql': aSql,
    'models/b.sql': "select * from {{ ref('a') }}",
    'models/c.sql': "select * from {{ ref('b') }}",
    'models/d.sql': 'select 1 as id',
    'models/schema.yml': `version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - unique: {config: ${testConfig}}\n`,
  });
}

describe('build order and skips', () => {
  test('a failing error-severity test skips every descendant of the tested model', async () => {
    const dir = chain('select 1 as id union all select 1');
    const run = await expectRun(dir, 1, 'build');
    expect(statusOf(dir)).toEqual({ a: 'success', unique_a_id: 'fail', b: 'skipped', c: 'skipped', d: 'success' });
    expect(run.stdout).toMatch(/SKIP relation main\.b/);
    expect(run.stdout).toMatch(/Done\. PASS=2 WARN=0 ERROR=1 SKIP=2 NO-OP=0 TOTAL=5/);
  });

  test('a failing test of several nodes skips only the nodes downstream of all of them', async () => {
    const dir = project({
      'seeds/s.csv': 'id\n1\n',
      'models/m1.sql': "select id from {{ ref('s') }}",
      'models/m2.sql': "select id from {{ ref('s') }}",
      'models/m3.sql': "select * from {{ ref('m1') }} join {{ ref('s') }} using (id)",
      'tests/s_and_m1.sql': "select * from {{ ref('s') }} join {{ ref('m1') }} using (id)",
    });
    await expectRun(dir, 1, 'build');
    expect(statusOf(dir)).toEqual({ s: 'success', m1: 'success', m2: 'success', m3: 'skipped', s_and_m1: 'fail' });
  });

  test('a warn-severity failure skips nothing and exits 0', async () => {
    const dir = chain('select 1 as id union all select 1', '{severity: warn}');
    await expectRun(dir, 0, 'build');
    expect(statusOf(dir)).toEqual({ a: 'success', unique_a_id: 'warn', b: 'success', c: 'success', d: 'success' });
  });

  test("dbt's queue order: by depth in the run's graph, then unique_id; a test runs before its model's children", async () => {
    const dir = chain('select 1 as id');
    const run = await expectRun(dir, 0, 'build', '--threads', '1');
    const starts = [...run.stdout.matchAll(/START \S+ (?:\S+ model main\.(\w+)|(unique_a_id))/g)].map((m) => m[1] ?? m[2]);
    expect(starts).toEqual(['a', 'd', 'unique_a_id', 'b', 'c']);
  });

  test('a model with a SQL error: name, file, compiled SQL path, DuckDB message and line; descendants skipped', async () => {
    const dir = chain('select 1 as id,\n  missing_column as x');
    const run = await expectRun(dir, 1, 'build');
    expect(statusOf(dir)).toEqual({ a: 'error', unique_a_id: 'skipped', b: 'skipped', c: 'skipped', d: 'success' });
    expect(run.stdout).toMatch(/Runtime Error in model a \(models\/a\.sql\)/);
    expect(run.stdout).toMatch(/Binder Error: Referenced column "missing_column"/);
    expect(run.stdout).toMatch(/line 2 of the compiled SQL/);
    expect(run.stdout).toContain('target/compiled/p/models/a.sql');
    expect(readFileSync(path.join(dir, 'target/compiled/p/models/a.sql'), 'utf8')).toContain('missing_column');
  });

  test('--fail-fast stops at the first failure and skips the rest', async () => {
    const dir = project({
      'models/bad.sql': 'select nope',
      ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`models/ok_${i}.sql`, `select ${i} as x`])),
    });
    await expectRun(dir, 1, 'run', '-x');
    const statuses = Object.values(statusOf(dir));
    expect(statuses.filter((s) => s === 'error')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'skipped').length).toBeGreaterThan(0);
    expect(statuses).toHaveLength(6);
  });

  test('retry runs only what failed or was skipped', async () => {
    const dir = chain('select * from main.ext');
    await rows(dir, 'create table ext as select 1 as id union all select 1');
    await expectRun(dir, 1, 'build');
    await expectRun(dir, 1, 'retry');
    expect(statusOf(dir)).toEqual({ unique_a_id: 'fail', b: 'skipped', c: 'skipped' });
    await rows(dir, 'delete from ext where rowid = 0');
    await expectRun(dir, 0, 'retry');
    expect(statusOf(dir)).toEqual({ unique_a_id: 'pass', b: 'success', c: 'success' });
    const again = await expectRun(dir, 0, 'retry');
    expect(again.stdout).toMatch(/Nothing to retry/);
  });
});

describe('artifacts and output', () => {
  test("every result, a seed's too, has its compile and execute steps timed, as in dbt", async () => {
    const dir = project({ 'seeds/s.csv': 'id\n1\n', 'models/m.sql': "select * from {{ ref('s') }}" });
    await expectRun(dir, 0, 'build');
    const steps = Object.fromEntries(Object.entries(resultsByName(dir)).map(([name, r]) => [name, (r.timing as { name: string }[]).map((t) => t.name)]));
    expect(steps).toEqual({ s: ['compile', 'execute'], m: ['compile', 'execute'] });
  });

  test("run_results.json has dbt's shape, and executed SQL is under target/run", async () => {
    const dir = chain('select 1 as id');
    await expectRun(dir, 0, 'build');
    const results = runResults(dir);
    const a = resultsByName(dir).a;
    expect(a).toMatchObject({ unique_id: 'model.p.a', status: 'success', failures: null, message: 'OK', compiled_code: 'select 1 as id' });
    expect(typeof a.execution_time).toBe('number');
    expect(a.adapter_response).toEqual(expect.any(Object));
    expect((a.timing as { name: string }[]).map((t) => t.name)).toEqual(['compile', 'execute']);
    expect(resultsByName(dir).unique_a_id).toMatchObject({ status: 'pass', failures: 0 });
    expect(results.args).toMatchObject({ which: 'build' });
    expect(readFileSync(path.join(dir, 'target/run/p/models/a.sql'), 'utf8')).toMatch(/CREATE VIEW/i);
    expect(existsSync(path.join(dir, 'target/run/p/models/schema.yml/unique_a_id.sql'))).toBe(true);
    expect(existsSync(path.join(dir, 'target/manifest.json'))).toBe(true);
  });

  test('--log-format json prints one JSON object per line', async () => {
    const dir = chain('select 1 as id');
    const run = await expectRun(dir, 0, 'build', '--log-format', 'json');
    const events = run.stdout.split('\n').map((line) => JSON.parse(line));
    expect(events.length).toBeGreaterThan(5);
    const finished = events.filter((e) => e.info.name === 'LogModelResult');
    expect(finished.map((e) => e.data.node_info.unique_id)).toContain('model.p.a');
    expect(events.some((e) => /^Done\. PASS=5/.test(e.info.msg))).toBe(true);
  });

  test('--empty builds the same columns with no rows', async () => {
    const dir = project({
      'models/a.sql': "{{ config(materialized='table') }}\nselect 1 as id",
      'models/b.sql': "{{ config(materialized='table') }}\nselect id, 'x' as label from {{ ref('a') }}",
    });
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'run', '--empty', '--select', 'b');
    expect(await rows(dir, 'select count(*) as n from b')).toEqual([{ n: 0 }]);
    expect(await rows(dir, "select column_name from information_schema.columns where table_name = 'b' order by ordinal_position")).toEqual([
      { column_name: 'id' },
      { column_name: 'label' },
    ]);
  });
});

describe('threads and locking', () => {
  test('a wide DAG built with --threads 4 gives the same tables as --threads 1', async () => {
    const files: Record<string, string> = { 'models/root.sql': "{{ config(materialized='table') }}\nselect range as i from range(100)" };
    for (let i = 0; i < 30; i++) {
      files[`models/m${i}.sql`] =
        `{{ config(materialized='${i % 2 ? 'table' : 'view'}') }}\nselect i, i * ${i} as v from {{ ref('root') }}${i >= 10 ? ` union all select i, v from {{ ref('m${i - 10}') }}` : ''}`;
    }
    files['models/total.sql'] =
      `{{ config(materialized='table') }}\n${Array.from({ length: 30 }, (_, i) => `select ${i} as m, count(*) as n, sum(v) as s from {{ ref('m${i}') }}`).join('\nunion all\n')}`;
    const one = project(files);
    const four = project(files);
    await expectRun(one, 0, 'run', '--threads', '1');
    const run = await expectRun(four, 0, 'run', '--threads', '4');
    expect(run.stdout).toContain("Concurrency: 4 threads (target='dev')");
    const query = 'select * from total order by m';
    expect(await rows(four, query)).toEqual(await rows(one, query));
    expect((await rows(four, query)).length).toBe(30);
  });

  test('a database locked by another process: clear message naming the file, non-zero exit, no hang', async () => {
    const dir = project({ 'models/a.sql': 'select 1 as x' });
    const file = path.join(dir, 'p.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DuckDBInstance } = require('@duckdb/node-api'); DuckDBInstance.create(${JSON.stringify(file)}).then(() => { console.log('locked'); setInterval(() => {}, 1000); });`,
      ],
      { cwd: path.join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));
      const started = Date.now();
      const run = await tsdbt(dir, 'run');
      expect(run.code).not.toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      const output = run.stdout + run.stderr;
      expect(output).toContain(file);
      expect(output).toMatch(/locked by another process/);
      expect(output).not.toMatch(/Internal error|\n\s+at /);
    } finally {
      holder.kill();
    }
  });
});
