import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tsdbt, writeProject } from '../../helpers/project';

interface ManifestNode {
  config: Record<string, unknown>;
  schema: string;
  alias: string;
  database: string;
  relation_name: string | null;
}

async function parsed(dir: string, ...args: string[]): Promise<{ nodes: Record<string, ManifestNode>; disabled: Record<string, unknown> }> {
  const run = await tsdbt(dir, 'parse', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
}

async function compiled(dir: string, model: string, ...args: string[]): Promise<string> {
  const run = await tsdbt(dir, 'compile', '-s', model, ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(path.join(dir, 'target', 'compiled', 'demo', 'models', `${model}.sql`), 'utf8');
}

describe('config precedence: project file < YAML properties < config()', () => {
  const dir = writeProject({
    'dbt_project.yml': [
      'name: demo',
      'profile: demo',
      'models:',
      '  demo:',
      '    +materialized: table',
      '    +tags: [project]',
      '    marts:',
      '      materialized: incremental', // a known key works without +
      '      +schema: marts',
      '      finance:',
      '        +materialized: view',
    ].join('\n'),
    'models/staging/stg.sql': 'select 1 as id',
    'models/marts/fct.sql': 'select 1 as id',
    'models/marts/finance/rev.sql': 'select 1 as id',
    'models/marts/finance/yaml_wins.sql': 'select 1 as id',
    'models/marts/finance/model_wins.sql': "{{ config(materialized='ephemeral', tags=['inline']) }}\nselect 1 as id",
    'models/marts/finance/props.yml': [
      'version: 2',
      'models:',
      '  - name: yaml_wins',
      '    config: {materialized: table, tags: [yaml]}',
      '  - name: model_wins',
      '    config: {materialized: table, tags: [yaml]}',
    ].join('\n'),
  });

  test('folder cascade, YAML over project, model over YAML; tags accumulate', async () => {
    const { nodes } = await parsed(dir);
    const config = (name: string) => nodes[`model.demo.${name}`].config;
    expect(config('stg').materialized).toBe('table');
    expect(config('fct').materialized).toBe('incremental');
    expect(config('rev').materialized).toBe('view');
    expect(config('yaml_wins').materialized).toBe('table');
    expect(config('model_wins').materialized).toBe('ephemeral');
    expect([...(config('model_wins').tags as string[])].sort()).toEqual(['inline', 'project', 'yaml']);
    expect(config('stg').tags).toEqual(['project']);
  });

  test('custom schema becomes <target_schema>_<custom>', async () => {
    const { nodes } = await parsed(dir);
    expect(nodes['model.demo.stg'].schema).toBe('main');
    expect(nodes['model.demo.fct'].schema).toBe('main_marts');
    expect(nodes['model.demo.fct'].relation_name).toBe('"demo"."main_marts"."fct"');
  });
});

describe('enabled: false', () => {
  test('removes the node; a ref to it fails clearly', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\nmodels:\n  demo:\n    old:\n      +enabled: false\n',
      'models/old/legacy.sql': 'select 1 as id',
      'models/current.sql': 'select 1 as id',
    });
    const { nodes, disabled } = await parsed(dir);
    expect(Object.keys(nodes)).toEqual(['model.demo.current']);
    expect(Object.keys(disabled)).toEqual(['model.demo.legacy']);
    const ls = await tsdbt(dir, 'ls', '--output', 'name');
    expect(ls.stdout.split('\n')).toEqual(['current']);

    writeFileSync(path.join(dir, 'models', 'uses_legacy.sql'), 'select *\nfrom {{ ref("legacy") }}');
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/models\/uses_legacy\.sql:2: model 'uses_legacy' depends on 'legacy', which is disabled/);
  });

  test('config(enabled=false) in the model and in YAML', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\n',
      'models/a.sql': '{{ config(enabled=false) }}\nselect 1',
      'models/b.sql': 'select 1',
      'models/c.sql': 'select 1',
      'models/props.yml': 'version: 2\nmodels:\n  - name: b\n    config:\n      enabled: false\n',
    });
    const { nodes } = await parsed(dir);
    expect(Object.keys(nodes)).toEqual(['model.demo.c']);
  });
});

describe('schema and alias naming', () => {
  test('alias config, and a project generate_schema_name override', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\n',
      'macros/naming.sql': [
        '{% macro generate_schema_name(custom_schema_name, node) -%}',
        '  {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}',
        '{%- endmacro %}',
      ].join('\n'),
      'models/a.sql': "{{ config(schema='reporting', alias='a_final') }}\nselect 1 as id",
      'models/b.sql': 'select * from {{ ref("a") }}',
    });
    const { nodes } = await parsed(dir);
    expect(nodes['model.demo.a'].schema).toBe('reporting');
    expect(nodes['model.demo.a'].alias).toBe('a_final');
    expect(nodes['model.demo.b'].schema).toBe('main');
    expect(await compiled(dir, 'b')).toBe('select * from "demo"."reporting"."a_final"');
  });
});

describe('template context: var, env_var, target', () => {
  const dir = writeProject({
    'project.yml': 'name: demo\nprofile: demo\nvars:\n  days: 7\n  region: eu\n',
    'models/ctx.sql': [
      "select {{ var('days') }} as days, '{{ var('region') }}' as region, '{{ var('missing', 'fallback') }}' as dflt,",
      "  '{{ env_var('TSDBT_TEST_COLOUR', 'grey') }}' as colour,",
      "  '{{ target.name }}' as t, '{{ target.schema }}' as s, '{{ target.type }}' as ty, {{ target.threads }} as th, '{{ target.profile_name }}' as p",
    ].join('\n'),
  });

  afterEach(() => delete process.env.TSDBT_TEST_COLOUR);

  test('project vars and defaults', async () => {
    expect(await compiled(dir, 'ctx')).toBe(
      "select 7 as days, 'eu' as region, 'fallback' as dflt,\n  'grey' as colour,\n  'dev' as t, 'main' as s, 'duckdb' as ty, 1 as th, 'demo' as p",
    );
  });

  test('--vars overrides project vars; env_var reads the environment', async () => {
    process.env.TSDBT_TEST_COLOUR = 'teal';
    const sql = await compiled(dir, 'ctx', '--vars', '{"days": 30, missing: given}');
    expect(sql).toMatch(/^select 30 as days, 'eu' as region, 'given' as dflt,\n {2}'teal' as colour/);
  });

  test('an env_var without default that is not set is an error', async () => {
    const bad = writeProject({ 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': "select '{{ env_var('TSDBT_TEST_UNSET_VAR') }}'" });
    const run = await tsdbt(bad, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/models\/a\.sql:1: environment variable 'TSDBT_TEST_UNSET_VAR' is not set/);
  });
});

describe('profiles', () => {
  const profile = (schema: string, file: string) =>
    `demo:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${file}\n      schema: ${schema}\n      threads: 3\n    ci:\n      type: duckdb\n      path: ':memory:'\n      schema: "{{ env_var('TSDBT_TEST_SCHEMA', 'ci_default') }}"\n`;
  const model = { 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': "select '{{ target.name }}/{{ target.schema }}/{{ target.threads }}' as t" };

  afterEach(() => {
    delete process.env.DBT_PROFILES_DIR;
    delete process.env.TSDBT_TEST_SCHEMA;
  });

  test('no profiles.yml anywhere: <project>.duckdb in the project folder, schema main', async () => {
    const dir = writeProject(model);
    const run = await tsdbt(dir, 'debug');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('from built-in default');
    expect(run.stdout).toContain(`path: ${path.join(dir, 'demo.duckdb')}`);
    expect(run.stdout).toContain('All checks passed!');
    expect(existsSync(path.join(dir, 'demo.duckdb'))).toBe(true);
  });

  test('lookup order: --profiles-dir, then DBT_PROFILES_DIR, then the project folder', async () => {
    const dir = writeProject({ ...model, 'profiles.yml': profile('from_project', 'p.duckdb') });
    const envDir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-env-'));
    const flagDir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-flag-'));
    writeFileSync(path.join(envDir, 'profiles.yml'), profile('from_env', 'e.duckdb'));
    writeFileSync(path.join(flagDir, 'profiles.yml'), profile('from_flag', 'f.duckdb'));

    expect(await compiled(dir, 'a')).toBe("select 'dev/from_project/3' as t");
    process.env.DBT_PROFILES_DIR = envDir;
    expect(await compiled(dir, 'a')).toBe("select 'dev/from_env/3' as t");
    expect(await compiled(dir, 'a', '--profiles-dir', flagDir)).toBe("select 'dev/from_flag/3' as t");
  });

  test('--target picks an output; env_var is rendered in profiles.yml', async () => {
    const dir = writeProject({ ...model, 'profiles.yml': profile('x', 'p.duckdb') });
    expect(await compiled(dir, 'a', '--target', 'ci')).toBe("select 'ci/ci_default/1' as t");
    process.env.TSDBT_TEST_SCHEMA = 'from_env_var';
    expect(await compiled(dir, 'a', '-t', 'ci')).toBe("select 'ci/from_env_var/1' as t");
  });

  test("a profile name that the profiles.yml found does not hold is dbt's error, not the embedded default", async () => {
    const dir = writeProject({ ...model, 'project.yml': 'name: demo\nprofile: demo_typo\n', 'profiles.yml': profile('x', 'p.duckdb') });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Could not find profile named 'demo_typo'");
    expect(run.stderr).toContain(path.join(dir, 'profiles.yml'));
    expect(existsSync(path.join(dir, 'demo.duckdb'))).toBe(false);
  });

  test('an unknown target is an error naming the outputs', async () => {
    const dir = writeProject({ ...model, 'profiles.yml': profile('x', 'p.duckdb') });
    const run = await tsdbt(dir, 'compile', '--target', 'prod');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/profiles\.yml:\d+: target 'prod' is not among the outputs of profile 'demo' \(dev, ci\)/);
  });

  test('--profiles-dir without a profiles.yml is an error', async () => {
    const dir = writeProject(model);
    const empty = path.join(dir, 'nothing');
    mkdirSync(empty);
    const run = await tsdbt(dir, 'compile', '--profiles-dir', empty);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no profiles\.yml in --profiles-dir/);
  });
});
