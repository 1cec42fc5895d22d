import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tsdbt } from '../../helpers/project';
import { expectRun, project, rows, runResults } from '../execute/helpers';

describe('run-operation', () => {
  test('a log() before a run_query prints once', async () => {
    const dir = project({
      'macros/report.sql':
        "{% macro report() %}{{ log('before the query', info=True) }}{% set n = run_query('select 42 as n').columns[0].values()[0] %}{{ log('answer ' ~ n, info=True) }}{% endmacro %}",
    });
    const run = await expectRun(dir, 0, 'run-operation', 'report');
    expect(run.stdout.match(/before the query/g)).toHaveLength(1);
    expect(run.stdout.match(/answer 42/g)).toHaveLength(1);
  });
});

describe('run-operation writes', () => {
  test("a write followed by run_query('commit'), as packages end their writes: the write stays, the commit is no error", async () => {
    const dir = project({
      'macros/write.sql':
        "{% macro write() %}{% do run_query('create table written as select 1 as x') %}{% do run_query('COMMIT') %}{% do run_query('commit;') %}{% endmacro %}",
    });
    await expectRun(dir, 0, 'run-operation', 'write');
    expect(await rows(dir, 'select x from written')).toEqual([{ x: 1 }]);
  });
});

describe('the same statement twice in one render', () => {
  test('a write runs each time, and a read after it sees it; a read asked again with no write between is asked once', async () => {
    const count = "run_query('select count(*) as n from t').columns[0].values()[0]";
    const dir = project({
      'macros/twice.sql': [
        '{% macro twice() %}',
        "{% do run_query('create table t (x integer)') %}",
        `{% set before = ${count} %}`,
        "{% for i in range(3) %}{% do run_query('insert into t values (1)') %}{% endfor %}",
        `{{ log('counts ' ~ before ~ ' ' ~ ${count} ~ ' ' ~ ${count}, info=True) }}`,
        '{% endmacro %}',
      ].join(''),
    });
    const run = await expectRun(dir, 0, 'run-operation', 'twice');
    expect(run.stdout).toMatch(/counts 0 3 3$/m);
    expect(await rows(dir, 'select count(*)::int as n from t')).toEqual([{ n: 3 }]);
  });
});

describe('init', () => {
  test('without a terminal: the project from flags, its profile in --profiles-dir, and it builds', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-init-'));
    const profiles = path.join(cwd, 'profiles');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), color: false };
    expect(await runCli(['init', 'shop', '--project-dir', cwd, '--profiles-dir', profiles, '--schema', 'analytics', '--threads', '2'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Your new dbt project "shop" was created/);
    expect(readFileSync(path.join(cwd, 'shop', 'dbt_project.yml'), 'utf8')).toMatch(/^name: shop\n/);
    expect(readFileSync(path.join(profiles, 'profiles.yml'), 'utf8')).toBe(
      'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: shop.duckdb\n      schema: analytics\n      threads: 2\n',
    );
    const dir = path.join(cwd, 'shop');
    await expectRun(dir, 0, 'build', '--profiles-dir', profiles);
    expect(
      await (await import('../../helpers/warehouse')).queryDatabase(path.join(dir, 'shop.duckdb'), 'select count(*) as n from analytics.second_model'),
    ).toEqual([{ n: 2 }]);
    // Again: the folder exists.
    expect(await runCli(['init', 'shop', '--project-dir', cwd, '--skip-profile-setup'], io)).toBe(2);
  });

  test('on a terminal it asks, offering the defaults', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-init-'));
    const asked: string[] = [];
    const answers: Record<string, string> = { 'Enter a name': 'asked_name', schema: '' };
    const io = {
      out: () => undefined,
      err: () => undefined,
      color: false,
      ask: async (question: string, fallback: string) => {
        asked.push(`${question} [${fallback}]`);
        const key = Object.keys(answers).find((k) => question.startsWith(k));
        return (key && answers[key]) || fallback;
      },
    };
    expect(await runCli(['init', '--project-dir', cwd, '--profiles-dir', cwd], io)).toBe(0);
    expect(asked[0]).toMatch(/^Enter a name for your project .* \[my_project\]$/);
    expect(asked).toContain('schema [main]');
    expect(existsSync(path.join(cwd, 'asked_name', 'models', 'example', 'first_model.sql'))).toBe(true);
    expect(readFileSync(path.join(cwd, 'profiles.yml'), 'utf8')).toMatch(
      /asked_name:\n {2}target: dev\n[\s\S]*path: asked_name\.duckdb\n {6}schema: main\n {6}threads: 4/,
    );
  });
});

describe('clone', () => {
  test("the --state run's relations become views in the target; tables stay unless --full-refresh", async () => {
    const prodDir = project({
      'seeds/s.csv': 'id\n1\n2\n',
      'models/t.sql': "{{ config(materialized='table') }}select * from {{ ref('s') }}",
      'models/v.sql': "select count(*) as n from {{ ref('t') }}",
      'profiles.yml':
        'p:\n  target: prod\n  outputs:\n    prod: {type: duckdb, path: p.duckdb, schema: prod}\n    dev: {type: duckdb, path: p.duckdb, schema: dev}\n',
    });
    await expectRun(prodDir, 0, 'build');
    const state = path.join(prodDir, 'prod-state');
    await expectRun(prodDir, 0, 'parse', '--target-path', 'prod-state');
    await expectRun(prodDir, 0, 'clone', '--state', state, '--target', 'dev');
    expect(runResults(prodDir).results.map((r) => r.status)).toEqual(['success', 'success', 'success']);
    expect(await rows(prodDir, 'select n from dev.v')).toEqual([{ n: 2 }]);
    expect(await rows(prodDir, "select table_name, table_type from information_schema.tables where table_schema = 'dev' order by 1")).toEqual([
      { table_name: 's', table_type: 'VIEW' },
      { table_name: 't', table_type: 'VIEW' },
      { table_name: 'v', table_type: 'VIEW' },
    ]);
    await expectRun(prodDir, 0, 'run', '--target', 'dev', '-s', 't');
    await expectRun(prodDir, 0, 'clone', '--state', state, '--target', 'dev', '-s', 't');
    expect(runResults(prodDir).results.map((r) => r.status)).toEqual(['no-op']);
    await expectRun(prodDir, 0, 'clone', '--state', state, '--target', 'dev', '-s', 't', '--full-refresh');
    expect(await rows(prodDir, "select table_type from information_schema.tables where table_schema = 'dev' and table_name = 't'")).toEqual([
      { table_type: 'VIEW' },
    ]);
    const none = await tsdbt(prodDir, 'clone');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/clone needs the run to clone from/);
  });
});

describe('exposures, groups and access', () => {
  const files = {
    'seeds/s.csv': 'id\n1\n',
    'models/a.sql': "select * from {{ ref('s') }}",
    'models/b.sql': "select * from {{ ref('a') }}",
    'models/c.sql': 'select 1 as id',
    'models/exposures.yml': [
      'version: 2',
      'exposures:',
      '  - name: weekly_report',
      '    type: dashboard',
      '    owner: {name: Ann, email: ann@example.com}',
      '    depends_on:',
      "      - ref('b')",
      '    tags: [finance]',
    ].join('\n'),
  };

  test('exposures are parsed, selectable (+exposure:x) and written to manifest.json', async () => {
    const dir = project(files);
    expect((await expectRun(dir, 0, 'ls', '-s', '+exposure:weekly_report', '--output', 'name')).stdout.split('\n')).toEqual(['weekly_report', 'a', 'b', 's']);
    expect((await expectRun(dir, 0, 'ls', '--resource-type', 'exposure')).stdout).toBe('exposure:p.weekly_report');
    await expectRun(dir, 0, 'build', '-s', '+exposure:weekly_report');
    expect(runResults(dir).results.map((r) => r.unique_id)).toEqual(['seed.p.s', 'model.p.a', 'model.p.b']);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.exposures['exposure.p.weekly_report']).toMatchObject({ type: 'dashboard', depends_on: { nodes: ['model.p.b'] }, tags: ['finance'] });
    expect(manifest.child_map['model.p.b']).toContain('exposure.p.weekly_report');
  });

  test('an exposure depending on an unknown model is a project error', async () => {
    const dir = project({
      ...files,
      'models/exposures.yml': 'version: 2\nexposures:\n  - name: x\n    type: dashboard\n    owner: {name: Ann}\n    depends_on: ["ref(\'bb\')"]\n',
    });
    const run = await tsdbt(dir, 'ls');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/models\/exposures\.yml:3: exposure 'x' depends on ref\('bb'\), which was not found\n\s+hint: did you mean 'b'/);
  });

  test('a private model may be referenced only from its own group; groups must be declared', async () => {
    const groups = 'version: 2\ngroups:\n  - name: finance\n    owner: {name: Ann}\nmodels:\n  - name: a\n    config: {group: finance, access: private}\n';
    const refused = project({ ...files, 'models/groups.yml': groups });
    const run = await tsdbt(refused, 'ls');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /Node model\.p\.b attempted to reference node model\.p\.a, which is not allowed because the referenced node is private to the 'finance' group\./,
    );
    const allowed = project({ ...files, 'models/groups.yml': groups + '  - name: b\n    config: {group: finance}\n' });
    await expectRun(allowed, 0, 'ls');
    const unknown = project({ ...files, 'models/groups.yml': 'version: 2\nmodels:\n  - name: c\n    config: {group: fiance}\n' });
    const missing = await tsdbt(unknown, 'ls');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/model 'c' is in group 'fiance', which is not defined/);
  });
});
