import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, tsdbt, writeProject } from '../../helpers/project';
import { queryDatabase } from '../../helpers/warehouse';

describe('model versions (test/fixtures/model-versions)', () => {
  const dir = copyFixture('model-versions');
  let buildOutput = '';
  const manifest = () => JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
  const rows = (sql: string) => queryDatabase(path.join(dir, 'shop.duckdb'), sql);

  beforeAll(async () => {
    const run = await tsdbt(dir, 'build');
    buildOutput = run.stdout + run.stderr;
    expect(run.code).toBe(0);
  });

  test('each version is its own relation: <name>_v<v> unless aliased, the latest too', async () => {
    const tables = (await rows("select table_name from information_schema.tables where table_schema = 'main' order by 1")).map((r) => r.table_name);
    expect(tables).toEqual(['customer_counts', 'customers_next', 'dim_customers_v1', 'dim_customers_v2', 'raw_customers', 'stg_customers']);
    // v2 lives in dim_customers.sql: it selects email and no country.
    expect(Object.keys((await rows('select * from main.dim_customers_v2 limit 1'))[0])).toEqual(['id', 'name', 'email']);
    expect(await rows('select model_version, this_name from main.dim_customers_v1 limit 1')).toEqual([{ model_version: '1', this_name: 'dim_customers_v1' }]);
  });

  test("ref('name') is the latest version; v= and version= pin one, with or without the package", async () => {
    expect(await rows('select * from main.customer_counts')).toEqual([
      { latest_rows: 3, v1_fr_rows: 2, v3_first_name: 'ADA', latest_relation: '"shop"."main"."dim_customers_v2"' },
    ]);
    expect(manifest().nodes['model.shop.customer_counts'].depends_on.nodes.sort()).toEqual([
      'model.shop.dim_customers.v1',
      'model.shop.dim_customers.v2',
      'model.shop.dim_customers.v3',
    ]);
  });

  test('manifest: unique_id, fqn, name, version fields, and per-version description, config and columns', () => {
    const nodes = manifest().nodes;
    const v1 = nodes['model.shop.dim_customers.v1'];
    expect(v1).toMatchObject({ name: 'dim_customers', fqn: ['shop', 'marts', 'dim_customers', 'v1'], alias: 'dim_customers_v1', version: 1 });
    expect(v1).toMatchObject({ latest_version: 2, deprecation_date: '2020-01-01', description: 'One row per customer' });
    expect(Object.keys(v1.columns)).toEqual(['id', 'name', 'country', 'model_version']);
    expect(v1.config).toMatchObject({ tags: ['customers'], materialized: 'table' });
    const v2 = nodes['model.shop.dim_customers.v2'];
    expect(v2).toMatchObject({ original_file_path: 'models/marts/dim_customers.sql', version: 2, latest_version: 2 });
    expect(Object.keys(v2.columns)).toEqual(['id', 'name', 'email']);
    const v3 = nodes['model.shop.dim_customers.v3'];
    expect(v3).toMatchObject({
      original_file_path: 'models/marts/dim_customers_next.sql',
      alias: 'customers_next',
      description: 'Customers, names upper-cased',
    });
    expect(nodes['model.shop.stg_customers']).toMatchObject({ version: null, latest_version: null });
  });

  test("the model's tests run on every version, named after <name>_v<v>; columns a version excludes have none", () => {
    const tests = Object.values(manifest().nodes as Record<string, { resource_type: string; name: string; attached_node: string }>)
      .filter((node) => node.resource_type === 'test')
      .map((node) => `${node.name} -> ${node.attached_node}`)
      .sort();
    expect(tests).toEqual([
      'not_null_dim_customers_v1_country -> model.shop.dim_customers.v1',
      'not_null_dim_customers_v1_id -> model.shop.dim_customers.v1',
      'not_null_dim_customers_v2_email -> model.shop.dim_customers.v2',
      'not_null_dim_customers_v2_id -> model.shop.dim_customers.v2',
      'not_null_dim_customers_v3_country -> model.shop.dim_customers.v3',
      'not_null_dim_customers_v3_id -> model.shop.dim_customers.v3',
      'relationships_stg_customers_id__id__ref_dim_customers_v_1_ -> model.shop.stg_customers',
      'unique_dim_customers_v1_id -> model.shop.dim_customers.v1',
      'unique_dim_customers_v2_id -> model.shop.dim_customers.v2',
      'unique_dim_customers_v3_id -> model.shop.dim_customers.v3',
    ]);
  });

  test("a test argument's ref(name, v=...) is a dependency on that version", () => {
    const test = Object.values(manifest().nodes as Record<string, { name: string; depends_on: { nodes: string[] } }>).find((node) =>
      node.name.startsWith('relationships_'),
    );
    expect(test!.depends_on.nodes.sort()).toEqual(['model.shop.dim_customers.v1', 'model.shop.stg_customers']);
  });

  test("dbt's deprecation warnings: the deprecated version, and the model that refs it", () => {
    expect(buildOutput).toContain('Model dim_customers.v1 has passed its deprecation date of 2020-01-01. This model should be disabled or removed.');
    expect(buildOutput).toContain(
      "While compiling 'customer_counts': Found a reference to dim_customers.v1, which was deprecated on '2020-01-01'. A new version of 'dim_customers' is available. Migrate now: {{ ref('shop', 'dim_customers', v='2') }}.",
    );
  });

  test('a unit test runs on the versions its `versions: include` keeps, labelled <model>::<test>_v<v>', () => {
    expect(buildOutput).toMatch(/PASS dim_customers::keeps_every_customer_v1 /);
    expect(buildOutput).toMatch(/PASS dim_customers::keeps_every_customer_v2 /);
    expect(buildOutput).not.toMatch(/keeps_every_customer_v3/);
    expect(Object.keys(manifest().unit_tests).sort()).toEqual([
      'unit_test.shop.dim_customers.keeps_every_customer_v1',
      'unit_test.shop.dim_customers.keeps_every_customer_v2',
    ]);
  });

  async function ls(...args: string[]): Promise<string[]> {
    const run = await tsdbt(dir, 'ls', '--resource-type', 'model', ...args);
    expect(run.code).toBe(0);
    return run.stdout
      .split('\n')
      .filter((line) => line.startsWith('shop.') || (args.includes('name') && /^\w/.test(line) && !/^\d\d:/.test(line)))
      .sort();
  }

  test('selection: the name picks every version, name.v2 / name_v2 one, version: by standing', async () => {
    expect(await ls('-s', 'dim_customers')).toEqual(['shop.marts.dim_customers.v1', 'shop.marts.dim_customers.v2', 'shop.marts.dim_customers.v3']);
    expect(await ls('-s', 'dim_customers.v2')).toEqual(['shop.marts.dim_customers.v2']);
    expect(await ls('-s', 'dim_customers_v1')).toEqual(['shop.marts.dim_customers.v1']);
    expect(await ls('-s', 'shop.marts.dim_customers.v3')).toEqual(['shop.marts.dim_customers.v3']);
    expect(await ls('-s', 'version:latest')).toEqual(['shop.marts.dim_customers.v2']);
    expect(await ls('-s', 'version:prerelease')).toEqual(['shop.marts.dim_customers.v3']);
    expect(await ls('-s', 'version:old')).toEqual(['shop.marts.dim_customers.v1']);
    expect(await ls('-s', 'version:none')).toEqual(['shop.marts.customer_counts', 'shop.staging.stg_customers']);
    expect(await ls('-s', 'dim_customers', '--output', 'name')).toEqual(['dim_customers.v1', 'dim_customers.v2', 'dim_customers.v3']);
  });

  test('version: refuses a kind dbt does not know', async () => {
    const run = await tsdbt(dir, 'ls', '-s', 'version:newest');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('expected one of: "latest", "prerelease", "old", or "none"');
  });
});

describe('model versions: mistakes', () => {
  const PROJECT = 'name: demo\nprofile: demo\n';
  const versioned = (extra = '') => `version: 2\nmodels:\n  - name: orders\n${extra}    versions:\n      - v: 1\n      - v: 2\n`;

  async function compile(files: Record<string, string>) {
    return tsdbt(writeProject({ 'project.yml': PROJECT, ...files }), 'compile');
  }

  test("an unknown version in ref(): dbt's error, the file and line, and the versions there are", async () => {
    const run = await compile({
      'models/orders_v1.sql': 'select 1 as id',
      'models/orders_v2.sql': 'select 2 as id',
      'models/report.sql': "select *\nfrom {{ ref('orders', v=3) }}",
      'models/schema.yml': versioned(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "models/report.sql:2: model 'model.demo.report' (models/report.sql) depends on a node named 'orders' with version '3' which was not found",
    );
    expect(run.stderr).toContain("hint: 'orders' has the versions 1, 2");
  });

  test('without latest_version the greatest version is the latest', async () => {
    const dir = writeProject({
      'project.yml': PROJECT,
      'models/orders_v1.sql': 'select 1 as id',
      'models/orders_v10.sql': 'select 10 as id',
      'models/orders_v9.sql': 'select 9 as id',
      'models/report.sql': "select * from {{ ref('orders') }}",
      'models/schema.yml': `version: 2\nmodels:\n  - name: orders\n    versions:\n      - v: 1\n      - v: 9\n      - v: 10\n`,
    });
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8')).nodes['model.demo.report'].depends_on.nodes).toEqual([
      'model.demo.orders.v10',
    ]);
  });

  test('latest_version must be one of the versions', async () => {
    const run = await compile({
      'models/orders_v1.sql': 'select 1',
      'models/orders_v2.sql': 'select 2',
      'models/schema.yml': versioned('    latest_version: 3\n'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("models/schema.yml:4: latest_version: 3 is not one of model 'orders' versions: [1, 2]");
  });

  test('a version listed twice', async () => {
    const run = await compile({
      'models/orders_v1.sql': 'select 1',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    versions:\n      - v: 1\n      - v: 1\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("models/schema.yml:6: Found duplicate version: '1' in versions list of model 'orders'");
  });

  test("a version whose file does not exist: dbt's warning, naming the YAML file and line", async () => {
    const run = await compile({ 'models/orders_v1.sql': 'select 1', 'models/schema.yml': versioned() });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain(
      "models/schema.yml:6: Did not find matching node for patch with name 'orders_v2' in the 'models' section of file 'models/schema.yml'",
    );
  });

  test('a unit test whose versions: keeps none of the versions', async () => {
    const run = await compile({
      'models/orders_v1.sql': 'select 1 as id',
      'models/orders_v2.sql': 'select 2 as id',
      'models/schema.yml': `${versioned()}unit_tests:\n  - name: t\n    model: orders\n    versions: { include: [7] }\n    given: []\n    expect: { rows: [{ id: 1 }] }\n`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("models/schema.yml:8: Unit test 't' referenced a version of 'orders' which was not found.");
    expect(run.stderr).toContain("hint: 'orders' has the versions 1, 2");
  });

  test('exclude needs include: all', async () => {
    const run = await compile({
      'models/orders_v1.sql': 'select 1',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n    versions:\n      - v: 1\n        columns:\n          - include: [id]\n            exclude: [id]\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('models/schema.yml:9: `exclude:` may only be used with `include: all`');
  });
});
