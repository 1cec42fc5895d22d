import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project, resultsByName, rows, runResults, statusOf } from './helpers';

const MODELS = {
  'seeds/countries.csv': 'code,name\nFR,France\nDE,Germany\n',
  'models/users.sql':
    "select 1 as id, 'FR' as country, 'active' as status union all select 2, 'DE', 'active' union all select 3, 'XX', 'gone' union all select 3, null, 'active'",
  'models/sources.yml':
    'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: countries\n        columns:\n          - name: code\n            tests: [unique, not_null]\n',
};

function schema(yaml: string): Record<string, string> {
  return { ...MODELS, 'models/schema.yml': `version: 2\n${yaml}` };
}

describe('generic tests', () => {
  test('built-in tests on models, seeds and sources pass and fail as dbt counts them', async () => {
    const dir = project(
      schema(`models:
  - name: users
    columns:
      - name: id
        tests: [unique, not_null]
      - name: country
        tests:
          - not_null
          - relationships:
              to: ref('countries')
              field: code
          - accepted_values:
              values: ['FR', 'DE']
      - name: status
        tests:
          - accepted_values:
              values: ['active', 'gone']
seeds:
  - name: countries
    columns:
      - name: code
        tests: [unique]
`),
    );
    // The source reads the seed's table, which dbt does not order before source tests: load it first.
    await expectRun(dir, 0, 'seed');
    await expectRun(dir, 1, 'build');
    const byName = resultsByName(dir);
    expect(Object.values(byName).filter((r) => r.status === 'error')).toEqual([]);
    expect(byName.unique_users_id.status).toBe('fail');
    expect(byName.unique_users_id.failures).toBe(1);
    expect(byName.not_null_users_id.status).toBe('pass');
    expect(byName.not_null_users_country.failures).toBe(1);
    expect(byName.relationships_users_country__code__ref_countries_.failures).toBe(1);
    expect(byName.accepted_values_users_country__FR__DE.failures).toBe(1);
    expect(byName.accepted_values_users_status__active__gone.status).toBe('pass');
    expect(byName.unique_countries_code.status).toBe('pass');
    expect(byName.source_unique_raw_countries_code.status).toBe('pass');
    expect(byName.source_not_null_raw_countries_code.status).toBe('pass');
  });

  test('accepted_values with quote: false compares unquoted values', async () => {
    const dir = project({
      'models/n.sql': 'select 1 as k union all select 2',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: n\n    columns:\n      - name: k\n        tests:\n          - accepted_values:\n              values: [1, 2]\n              quote: false\n',
    });
    await expectRun(dir, 0, 'build');
    expect(statusOf(dir)).toEqual({ n: 'success', accepted_values_n_k__False__1__2: 'pass' });
  });

  test('model-level tests, and custom generic tests from macros/ and tests/generic/', async () => {
    const dir = project({
      'models/n.sql': 'select 1 as k union all select 5',
      'macros/is_small.sql': '{% test is_small(model, column_name, below=3) %}select * from {{ model }} where {{ column_name }} >= {{ below }}{% endtest %}',
      'tests/generic/has_rows.sql':
        '{% test has_rows(model, at_least) %}select 1 from (select count(*) as n from {{ model }}) c where n < {{ at_least }}{% endtest %}',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: n',
        '    tests:',
        '      - has_rows: {at_least: 3}',
        '      - unique: {column_name: k}',
        '    columns:',
        '      - name: k',
        '        tests:',
        '          - is_small',
        '          - is_small: {below: 10, name: k_below_ten}',
        '',
      ].join('\n'),
    });
    await expectRun(dir, 1, 'build', '--select', 'n');
    expect(statusOf(dir)).toMatchObject({
      has_rows_n_3: 'fail',
      unique_n_k: 'pass',
      is_small_n_k: 'fail',
      k_below_ten: 'pass',
    });
  });

  test('singular tests fail on returned rows', async () => {
    const dir = project({
      'models/n.sql': 'select 1 as k',
      'tests/assert_k_positive.sql': "select * from {{ ref('n') }} where k <= 0",
      'tests/assert_impossible.sql': "select * from {{ ref('n') }} where k = 1",
    });
    await expectRun(dir, 1, 'build');
    expect(statusOf(dir)).toMatchObject({ assert_k_positive: 'pass', assert_impossible: 'fail' });
  });

  test('names of 64+ characters keep the full name on the node; only the compiled file is 30 characters, an underscore and an md5', async () => {
    const long = 'a_column_with_a_rather_long_name_indeed';
    const dir = project({
      'models/a_model_with_a_long_name.sql': `select 1 as ${long}`,
      'models/schema.yml': `version: 2\nmodels:\n  - name: a_model_with_a_long_name\n    columns:\n      - name: ${long}\n        tests:\n          - accepted_values:\n              values: ['x1', 'x2']\n              quote: true\n`,
    });
    await expectRun(dir, 1, 'build');
    const full = `accepted_values_a_model_with_a_long_name_${long}__True__x1__x2`;
    expect(full.length).toBeGreaterThanOrEqual(64);
    const short = `${full.slice(0, 30)}_${createHash('md5').update(full).digest('hex')}`;
    expect(Object.keys(statusOf(dir))).toContain(full);
    expect(Object.keys(statusOf(dir))).not.toContain(short);
    expect(existsSync(path.join(dir, 'target', 'compiled', 'p', 'models', 'schema.yml', `${short}.sql`))).toBe(true);
  });
});

describe('test configs', () => {
  const withTest = (config: string) =>
    project({
      'models/n.sql': 'select k from range(10) t(k)',
      'models/schema.yml': `version: 2\nmodels:\n  - name: n\n    columns:\n      - name: k\n        tests:\n          - accepted_values:\n              values: [0, 1]\n              quote: false\n              config: ${config}\n`,
    });
  const result = (dir: string) => runResults(dir).results.find((r) => String(r.unique_id).startsWith('test.'))!;

  test.each([
    ['{}', 1, 'fail', 8],
    ['{severity: warn}', 0, 'warn', 8],
    ["{where: 'k < 4'}", 1, 'fail', 2],
    ['{limit: 3}', 1, 'fail', 3],
    ["{error_if: '>= 9'}", 0, 'warn', 8],
    ["{error_if: '>= 9', warn_if: '>= 9'}", 0, 'pass', 8],
    ["{fail_calc: 'sum(value_field)'}", 1, 'fail', 44],
  ])('config %s exits %d with status %s and %d failures', async (config, code, status, failures) => {
    const dir = withTest(config);
    await expectRun(dir, code, 'build');
    expect(result(dir)).toMatchObject({ status, failures });
  });

  test('enabled: false removes the test; tags select it', async () => {
    const dir = project({
      'models/n.sql': 'select null as k',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: n\n    columns:\n      - name: k\n        tests:\n          - not_null: {config: {enabled: false}}\n          - unique: {config: {tags: [nightly]}}\n',
    });
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'test');
    expect(Object.keys(statusOf(dir))).toEqual(['unique_n_k']);
    await expectRun(dir, 0, 'test', '--select', 'tag:nightly');
    expect(Object.keys(statusOf(dir))).toEqual(['unique_n_k']);
  });

  test('store_failures keeps the failing rows in <schema>_dbt_test__audit', async () => {
    const dir = project({
      'models/n.sql': 'select 1 as k union all select 1 union all select 2',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: n\n    columns:\n      - name: k\n        tests:\n          - unique: {config: {store_failures: true}}\n          - not_null\n',
    });
    await expectRun(dir, 1, 'build');
    expect(await rows(dir, 'select * from main_dbt_test__audit.unique_n_k')).toEqual([{ unique_field: 1, n_records: 2 }]);
    expect(await rows(dir, "select count(*) as n from information_schema.tables where table_name = 'not_null_n_k'")).toEqual([{ n: 0 }]);
    await expectRun(dir, 0, 'build', '--store-failures', '--exclude', 'unique_n_k');
    expect(await rows(dir, 'select count(*) as n from main_dbt_test__audit.not_null_n_k')).toEqual([{ n: 0 }]);
  });
});
