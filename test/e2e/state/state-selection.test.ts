import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { queryDatabase } from '../../helpers/warehouse';
import { tsdbt, writeProject, type CliRun } from '../../helpers/project';

const PROFILES = [
  'shop:',
  '  target: prod',
  '  outputs:',
  '    prod: {type: duckdb, path: warehouse.duckdb, schema: main}',
  '    ci: {type: duckdb, path: warehouse.duckdb, schema: ci}',
].join('\n');

const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: shop\nprofile: shop\n',
  'profiles.yml': PROFILES,
  'seeds/raw_orders.csv': 'id,amount\n1,10\n2,25\n',
  'macros/money.sql': '{% macro cents(col) %}{{ col }} * 100{% endmacro %}\n\n{% macro dollars(col) %}({{ cents(col) }}) / 100.0{% endmacro %}\n',
  'models/stg_orders.sql': "select id, amount from {{ ref('raw_orders') }}",
  'models/order_totals.sql': "select sum({{ dollars('amount') }}) as total from {{ ref('stg_orders') }}",
  'models/report.sql': "select total from {{ ref('order_totals') }}",
  'models/order_ids.sql': "select id from {{ ref('stg_orders') }}",
  'models/standalone.sql': 'select 1 as one',
};

async function run(dir: string, ...args: string[]): Promise<CliRun> {
  return tsdbt(dir, ...args, '--profiles-dir', dir);
}

/** A project built once with the state of that build saved to <dir>/prod-state, as a CI job would keep it. */
async function builtProject(files: Record<string, string> = FILES): Promise<string> {
  const dir = writeProject(files);
  const build = await run(dir, 'build');
  if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  cpSync(path.join(dir, 'target'), path.join(dir, 'prod-state'), { recursive: true });
  return dir;
}

async function selectedNames(dir: string, selector: string, ...extra: string[]): Promise<string[]> {
  const ls = await run(
    dir,
    'ls',
    '--select',
    selector,
    '--state',
    path.join(dir, 'prod-state'),
    '--output',
    'name',
    '--resource-type',
    'model',
    'seed',
    ...extra,
  );
  if (ls.code !== 0) throw new Error(`ls failed:\n${ls.stdout}\n${ls.stderr}`);
  // Log lines (timestamped warnings such as 'No nodes selected!') are not names.
  return ls.stdout
    .split('\n')
    .filter((line) => line !== '' && !/^\d\d:\d\d:\d\d /.test(line))
    .sort();
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  return queryDatabase(path.join(dir, 'warehouse.duckdb'), sql);
}

describe('state:modified and state:new', () => {
  it('selects nothing when nothing changed', async () => {
    const dir = await builtProject();
    expect(await selectedNames(dir, 'state:modified')).toEqual([]);
    expect(await selectedNames(dir, 'state:unmodified')).toEqual(['order_ids', 'order_totals', 'raw_orders', 'report', 'standalone', 'stg_orders']);
  });

  it('selects a model whose body changed, and its children with +', async () => {
    const dir = await builtProject();
    edit(dir, 'models/stg_orders.sql', (sql) => `${sql} where amount > 0`);
    expect(await selectedNames(dir, 'state:modified')).toEqual(['stg_orders']);
    expect(await selectedNames(dir, 'state:modified.body')).toEqual(['stg_orders']);
    expect(await selectedNames(dir, 'state:modified.configs')).toEqual([]);
    expect(await selectedNames(dir, 'state:modified+')).toEqual(['order_ids', 'order_totals', 'report', 'stg_orders']);
  });

  it('selects a model whose config changed, in a config() call or in YAML', async () => {
    const dir = await builtProject();
    edit(dir, 'models/standalone.sql', (sql) => `{{ config(materialized='table') }}\n${sql}`);
    writeFileSync(path.join(dir, 'models/props.yml'), 'models:\n  - name: order_ids\n    config:\n      tags: [nightly]\n');
    expect(await selectedNames(dir, 'state:modified.configs')).toEqual(['order_ids', 'standalone']);
    expect(await selectedNames(dir, 'state:modified.body')).toEqual(['standalone']);
  });

  it('selects a model whose alias or schema changed as modified.relation', async () => {
    const dir = await builtProject();
    writeFileSync(path.join(dir, 'models/props.yml'), 'models:\n  - name: report\n    config:\n      alias: order_report\n');
    expect(await selectedNames(dir, 'state:modified.relation')).toEqual(['report']);
  });

  it('selects the models using a macro whose text changed, also through another macro', async () => {
    const dir = await builtProject();
    edit(dir, 'macros/money.sql', (sql) => sql.replace('{{ col }} * 100', '{{ col }} * 100.0'));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'prod-state', 'manifest.json'), 'utf8'));
    // Every macro the parse-time render reached, nested calls included.
    expect(manifest.nodes['model.shop.order_totals'].depends_on.macros).toEqual(['macro.shop.dollars', 'macro.shop.cents']);
    expect(manifest.macros['macro.shop.dollars'].depends_on.macros).toEqual(['macro.shop.cents']);
    expect(await selectedNames(dir, 'state:modified.macros')).toEqual(['order_totals']);
    expect(await selectedNames(dir, 'state:modified+')).toEqual(['order_totals', 'report']);
  });

  it('follows macro calls a parse-time render never reaches (under `if execute`)', async () => {
    const dir = await builtProject({
      ...FILES,
      'macros/guarded.sql': '{% macro guarded(col) %}{% if execute %}{{ cents(col) }}{% else %}{{ col }}{% endif %}{% endmacro %}',
      'models/guarded_totals.sql': "select {{ guarded('amount') }} as c from {{ ref('stg_orders') }}",
    });
    edit(dir, 'macros/money.sql', (sql) => sql.replace('{{ col }} * 100', '{{ col }} * 100.0'));
    expect(await selectedNames(dir, 'state:modified.macros')).toEqual(['guarded_totals', 'order_totals']);
  });

  it('counts description changes only where persist_docs writes them to the database', async () => {
    const props = (description: string) =>
      `models:\n  - name: report\n    description: ${description}\n    config: {persist_docs: {relation: true}}\n  - name: order_ids\n    description: ${description}\n`;
    const dir = await builtProject({ ...FILES, 'models/props.yml': props('first') });
    writeFileSync(path.join(dir, 'models/props.yml'), props('second'));
    expect(await selectedNames(dir, 'state:modified')).toEqual(['report']);
    expect(await selectedNames(dir, 'state:modified.persisted_descriptions')).toEqual(['report']);
  });

  it('selects a changed seed file', async () => {
    const dir = await builtProject();
    edit(dir, 'seeds/raw_orders.csv', (csv) => `${csv}3,40\n`);
    expect(await selectedNames(dir, 'state:modified')).toEqual(['raw_orders']);
  });

  it('selects a model that the previous manifest did not have as new (and modified)', async () => {
    const dir = await builtProject();
    writeFileSync(path.join(dir, 'models/big_orders.sql'), "select * from {{ ref('stg_orders') }} where amount > 20");
    expect(await selectedNames(dir, 'state:new')).toEqual(['big_orders']);
    expect(await selectedNames(dir, 'state:modified')).toEqual(['big_orders']);
    expect(await selectedNames(dir, 'state:old')).not.toContain('big_orders');
  });

  it('refuses state: selectors without --state, and --state without a manifest', async () => {
    const dir = writeProject(FILES);
    const bare = await run(dir, 'ls', '--select', 'state:modified');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('pass --state');
    const missing = await run(dir, 'ls', '--select', 'state:modified', '--state', path.join(dir, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no manifest.json in that folder');
    const deferAlone = await run(dir, 'build', '--defer');
    expect(deferAlone.code).toBe(2);
    expect(deferAlone.stderr).toContain('--defer needs a previous run');
  });
});

describe('result:<status>', () => {
  it("selects the nodes by their status in the --state folder's run_results.json", async () => {
    const dir = writeProject({
      ...FILES,
      'models/broken.sql': 'select * from no_such_table',
      'models/after_broken.sql': "select * from {{ ref('broken') }}",
      'tests/no_big_orders.sql': "select * from {{ ref('stg_orders') }} where amount > 20",
    });
    expect((await run(dir, 'build')).code).toBe(1);
    cpSync(path.join(dir, 'target'), path.join(dir, 'prod-state'), { recursive: true });
    expect(await selectedNames(dir, 'result:error')).toEqual(['broken']);
    expect(await selectedNames(dir, 'result:skipped')).toContain('after_broken');
    expect(await selectedNames(dir, 'result:error+')).toEqual(['after_broken', 'broken']);
    expect(await selectedNames(dir, 'result:fail', '--resource-type', 'test')).toEqual(['no_big_orders']);
  });
});

describe('--defer', () => {
  it('builds only the changed model and its children in a fresh schema, reading unchanged parents from the state run', async () => {
    const dir = await builtProject();
    edit(dir, 'models/order_totals.sql', (sql) => sql.replace('as total', 'as total, count(*) as orders'));
    const state = path.join(dir, 'prod-state');

    const withoutDefer = await run(dir, 'build', '--select', 'state:modified+', '--state', state, '--target', 'ci', '--target-path', 'ci-target');
    expect(withoutDefer.code).toBe(1);

    rmSync(path.join(dir, 'ci-target'), { recursive: true, force: true });
    await query(dir, 'drop schema if exists ci cascade');
    const ci = await run(dir, 'build', '--select', 'state:modified+', '--defer', '--state', state, '--target', 'ci', '--target-path', 'ci-target');
    if (ci.code !== 0) throw new Error(`${ci.stdout}\n${ci.stderr}`);
    const built = await query(dir, "select table_name from information_schema.tables where table_schema = 'ci' order by 1");
    expect(built.map((r) => r.table_name)).toEqual(['order_totals', 'report']);
    expect(await query(dir, 'select total, orders from ci.report join ci.order_totals using (total)')).toEqual([{ total: 35, orders: 2 }]);
  });

  it("compile --defer renders unselected parents as the state run's relations", async () => {
    const dir = await builtProject();
    const state = path.join(dir, 'prod-state');
    const compiled = () => readFileSync(path.join(dir, 'ci-target/compiled/shop/models/order_totals.sql'), 'utf8');
    expect((await run(dir, 'compile', '--select', 'order_totals', '--state', state, '--target', 'ci', '--target-path', 'ci-target')).code).toBe(0);
    expect(compiled()).toContain('"ci"."stg_orders"');
    expect((await run(dir, 'compile', '--select', 'order_totals', '--defer', '--state', state, '--target', 'ci', '--target-path', 'ci-target')).code).toBe(0);
    expect(compiled()).toContain('"main"."stg_orders"');
  });

  it('prefers the target relation when it exists, and the state relation with --favor-state', async () => {
    const dir = await builtProject();
    const state = path.join(dir, 'prod-state');
    const ciRun = (...extra: string[]) => run(dir, 'run', '--select', 'report', '--state', state, '--target', 'ci', '--target-path', 'ci-target', ...extra);
    // A ci copy of order_totals that differs from the state run's.
    await query(dir, 'create schema if not exists ci; create or replace table ci.order_totals as select 99 as total');
    expect((await ciRun('--defer')).code).toBe(0);
    expect(await query(dir, 'select total from ci.report')).toEqual([{ total: 99 }]);
    expect((await ciRun('--defer', '--favor-state')).code).toBe(0);
    expect(await query(dir, 'select total from ci.report')).toEqual([{ total: 35 }]);
  });
});
