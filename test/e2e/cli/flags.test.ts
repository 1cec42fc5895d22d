import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tsdbt, writeProject, type CliRun } from '../../helpers/project';
import { expectRun, project, rows, runResults } from '../execute/helpers';

/** Runs a command line as typed (no --project-dir added) with `env` set for its duration. */
async function typed(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), color: false });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const MODELS = {
  'seeds/people.csv': 'id,name\n1,ann\n2,bob\n',
  'models/a.sql': "select * from {{ ref('people') }}",
  'models/b.sql': "select count(*) as n from {{ ref('a') }}",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [unique]\n',
};

describe('global flags before or after the command', () => {
  test('tsdbt --quiet build and tsdbt build --quiet print the same', async () => {
    const dir = project(MODELS);
    const before = await typed({}, '--quiet', 'build', '--project-dir', dir);
    const after = await typed({}, 'build', '--quiet', '--project-dir', dir);
    expect(before.code).toBe(0);
    expect(before.stdout).toBe('');
    expect(after.stdout).toBe('');
    const loud = await typed({}, 'build', '--project-dir', dir);
    expect(loud.stdout).toMatch(/Completed successfully/);
  });

  test('a flag given both before and after the command is refused', async () => {
    const dir = project(MODELS);
    const run = await typed({}, '--log-format', 'json', 'ls', '--log-format', 'text', '--project-dir', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--log-format was given both before and after the command/);
  });

  test('option choices are checked by the parser', async () => {
    const dir = project(MODELS);
    const run = await tsdbt(dir, 'ls', '--output', 'yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'yaml' is invalid. Allowed choices are name, path, json, selector/);
  });
});

describe('environment variables and project flags', () => {
  test('DBT_PROJECT_DIR and DBT_TARGET pick the project and the output', async () => {
    const dir = project({
      ...MODELS,
      'profiles.yml': 'p:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: dev.duckdb}\n    prod: {type: duckdb, path: prod.duckdb}\n',
    });
    const run = await typed({ DBT_PROJECT_DIR: dir, DBT_TARGET: 'prod' }, 'seed');
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, 'prod.duckdb'))).toBe(true);
    expect(existsSync(path.join(dir, 'dev.duckdb'))).toBe(false);
    // The flag beats the environment variable.
    await typed({ DBT_PROJECT_DIR: dir, DBT_TARGET: 'prod' }, 'seed', '--target', 'dev');
    expect(existsSync(path.join(dir, 'dev.duckdb'))).toBe(true);
  });

  test('DBT_TARGET_PATH, below --target-path; an absolute one is written where it points', async () => {
    const dir = project(MODELS);
    await typed({ DBT_TARGET_PATH: 'env-target' }, 'parse', '--project-dir', dir);
    expect(existsSync(path.join(dir, 'env-target', 'manifest.json'))).toBe(true);
    await typed({ DBT_TARGET_PATH: 'env-target' }, 'parse', '--project-dir', dir, '--target-path', 'flag-target');
    expect(existsSync(path.join(dir, 'flag-target', 'manifest.json'))).toBe(true);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-target-'));
    await expectRun(dir, 0, 'compile', '--target-path', outside);
    expect(existsSync(path.join(outside, 'manifest.json'))).toBe(true);
    expect(existsSync(path.join(outside, 'compiled', 'p', 'models', 'a.sql'))).toBe(true);
    expect(existsSync(path.join(dir, outside))).toBe(false);
  });

  test('log format: DBT_LOG_FORMAT over flags: in the project file, --log-format over both', async () => {
    const dir = project(MODELS, 'flags:\n  log_format: json\n');
    const fromProject = await tsdbt(dir, 'parse');
    expect(fromProject.stdout.split('\n').every((line) => JSON.parse(line).info.name)).toBe(true);
    const fromEnv = await typed({ DBT_LOG_FORMAT: 'text' }, 'parse', '--project-dir', dir);
    expect(fromEnv.stdout).toMatch(/^\d\d:\d\d:\d\d {2}Found/m);
    const fromFlag = await typed({ DBT_LOG_FORMAT: 'text' }, 'parse', '--project-dir', dir, '--log-format', 'json');
    expect(JSON.parse(fromFlag.stdout.split('\n')[0]).info.code).toBeDefined();
  });

  test('colours: DBT_USE_COLORS and --use-colors / --no-use-colors decide over the terminal', async () => {
    const dir = project({
      ...MODELS,
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [not_null]\n',
    });
    const ESC = '\x1b[';
    expect((await typed({}, 'build', '--project-dir', dir)).stdout).not.toContain(ESC);
    expect((await typed({ DBT_USE_COLORS: 'true' }, 'build', '--project-dir', dir)).stdout).toContain(ESC);
    expect((await typed({ DBT_USE_COLORS: 'true' }, 'build', '--no-use-colors', '--project-dir', dir)).stdout).not.toContain(ESC);
    expect((await typed({}, '--use-colors', 'build', '--project-dir', dir)).stdout).toContain(ESC);
  });

  test('fail_fast from flags: in the project file, turned off by --no-fail-fast', async () => {
    const files = {
      'models/bad.sql': 'select * from missing_table',
      'models/c1.sql': "select 1 as x from {{ ref('bad') }}",
      'models/z1.sql': 'select 1 as x',
      'models/z2.sql': 'select 2 as x',
    };
    const dir = project(files, 'flags:\n  fail_fast: true\n');
    await expectRun(dir, 1, 'run', '--threads', '1');
    const fast = runResults(dir).results.map((r) => r.status);
    expect(fast.filter((s) => s === 'success').length).toBeLessThan(2);
    await expectRun(dir, 1, 'run', '--threads', '1', '--no-fail-fast');
    expect(runResults(dir).results.filter((r) => r.status === 'success')).toHaveLength(2);
  });
});

describe('run flags', () => {
  test('-f is --full-refresh, and Jinja sees it as flags.FULL_REFRESH', async () => {
    const dir = project({ 'models/m.sql': "select '{{ 'yes' if flags.FULL_REFRESH else 'no' }}' as full_refresh, '{{ flags.WHICH }}' as which" });
    await expectRun(dir, 0, 'run', '-f');
    expect(await rows(dir, 'select * from main.m')).toEqual([{ full_refresh: 'yes', which: 'run' }]);
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select * from main.m')).toEqual([{ full_refresh: 'no', which: 'run' }]);
  });

  test('build --resource-type / --exclude-resource-type', async () => {
    const dir = project(MODELS);
    await expectRun(dir, 0, 'build', '--resource-type', 'seed');
    expect(runResults(dir).results.map((r) => r.unique_id)).toEqual(['seed.p.people']);
    await expectRun(dir, 0, 'build', '--exclude-resource-type', 'test', 'seed');
    expect(
      runResults(dir)
        .results.map((r) => String(r.unique_id))
        .sort(),
    ).toEqual(['model.p.a', 'model.p.b']);
  });

  test('--indirect-selection empty leaves the tests of the selected model out', async () => {
    const dir = project(MODELS);
    await expectRun(dir, 0, 'seed');
    await expectRun(dir, 0, 'build', '-s', 'a');
    expect(runResults(dir).results.some((r) => String(r.unique_id).startsWith('test.'))).toBe(true);
    await expectRun(dir, 0, 'build', '-s', 'a', '--indirect-selection', 'empty');
    expect(runResults(dir).results.map((r) => r.unique_id)).toEqual(['model.p.a']);
  });

  test('seed --show prints a sample of each seed', async () => {
    const dir = project(MODELS);
    const run = await expectRun(dir, 0, 'seed', '--show');
    expect(run.stdout).toContain('Random sample of table: main.people');
    expect(run.stdout).toMatch(/\| id \| name \|\n\|-+\|-+\|\n\| {2}1 \| ann {2}\|/);
  });
});

describe('warnings as errors', () => {
  test('--warn-error turns a warning into an error (exit 2)', async () => {
    const dir = project(MODELS);
    expect((await tsdbt(dir, 'ls', '-s', 'nothing_here')).code).toBe(0);
    const run = await tsdbt(dir, '--warn-error', 'ls', '-s', 'nothing_here');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/The selection criterion 'nothing_here' does not match any enabled nodes/);
  });

  test('--warn-error-options names which warnings are errors, kept as warnings, or silenced', async () => {
    const dir = project(MODELS);
    expect((await tsdbt(dir, 'ls', '-s', 'nope', '--warn-error-options', '{error: [NoNodesForSelectionCriteria]}')).code).toBe(2);
    expect((await tsdbt(dir, 'ls', '-s', 'nope', '--warn-error-options', '{error: all, warn: [NoNodesForSelectionCriteria, NoNodesSelected]}')).code).toBe(0);
    const silenced = await tsdbt(dir, 'ls', '-s', 'nope', 'a', '--warn-error-options', '{silence: [NoNodesForSelectionCriteria]}');
    expect(silenced.stdout).not.toMatch(/does not match/);
    const badKey = await tsdbt(dir, 'ls', '--warn-error-options', '{fail: all}');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/unknown key 'fail'/);
  });

  test("warn_error_options under the project file's flags: is a mapping, as dbt reads it", async () => {
    const dir = project(MODELS, 'flags:\n  warn_error_options:\n    silence: [NoNodesForSelectionCriteria]\n');
    const run = await tsdbt(dir, 'ls', '-s', 'nope', 'a');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/does not match/);
  });
});

describe('selection commands', () => {
  test('selectors.yml: --selector, and the default selector', async () => {
    const dir = project({
      ...MODELS,
      'selectors.yml': [
        'selectors:',
        '  - name: only_b',
        '    definition: b',
        '  - name: a_and_children_but_b',
        '    default: true',
        '    definition:',
        '      union:',
        '        - method: fqn',
        '          value: a',
        '          children: true',
        '        - exclude: [b]',
      ].join('\n'),
    });
    expect((await expectRun(dir, 0, 'ls', '--selector', 'only_b', '--output', 'name')).stdout).toBe('b');
    expect((await expectRun(dir, 0, 'ls', '--output', 'name')).stdout.split('\n')).toEqual(['a', 'unique_a_id']);
    const unknown = await tsdbt(dir, 'ls', '--selector', 'only_c');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no selector named 'only_c' in selectors.yml/);
  });

  test('ls --output json --output-keys', async () => {
    const dir = project(MODELS);
    const run = await expectRun(dir, 0, 'ls', '-s', 'a', '--resource-type', 'model', '--output', 'json', '--output-keys', 'name', 'resource_type', 'fqn');
    expect(JSON.parse(run.stdout)).toEqual({ name: 'a', resource_type: 'model', fqn: ['p', 'a'] });
  });

  test('compile -s prints the compiled SQL of the node it names', async () => {
    const dir = project(MODELS);
    const run = await expectRun(dir, 0, 'compile', '-s', 'b');
    expect(run.stdout).toContain(`Compiled node 'b' is:\nselect count(*) as n from "p"."main"."a"`);
    const quiet = await expectRun(dir, 0, 'compile', '-s', 'b', '--quiet');
    expect(quiet.stdout).toBe('select count(*) as n from "p"."main"."a"');
    const json = await expectRun(dir, 0, 'compile', '-s', 'b', '--output', 'json', '-q');
    expect(JSON.parse(json.stdout)).toEqual({ node: 'b', compiled: 'select count(*) as n from "p"."main"."a"' });
  });

  test('--profile picks a profile other than the project file names', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'models/m.sql': 'select 1 as x',
      'profiles.yml':
        'p:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: p.duckdb}\nother:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: other.duckdb}\n',
    });
    await expectRun(dir, 0, 'run', '--profile', 'other');
    expect(existsSync(path.join(dir, 'other.duckdb'))).toBe(true);
    expect(readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8')).toContain('"which": "run"');
  });
});

describe('--defer-state', () => {
  test('--defer reads from --defer-state when it is given without --state', async () => {
    const dir = project({
      'models/a.sql': "select '{{ target.name }}' as built_in",
      'models/b.sql': "select * from {{ ref('a') }}",
      'profiles.yml':
        'p:\n  target: prod\n  outputs:\n    prod: {type: duckdb, path: p.duckdb, schema: prod}\n    dev: {type: duckdb, path: p.duckdb, schema: dev}\n',
    });
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'parse', '--target-path', 'prod-state');
    await expectRun(dir, 0, 'run', '-s', 'b', '--target', 'dev', '--defer', '--defer-state', path.join(dir, 'prod-state'));
    expect(await rows(dir, 'select built_in from dev.b')).toEqual([{ built_in: 'prod' }]);
  });
});
