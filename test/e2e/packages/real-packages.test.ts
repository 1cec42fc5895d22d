import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyFixture, tsdbt } from '../../helpers/project';
import { SHARED_PACKAGES, describeWithPackages, installSharedPackages } from '../../helpers/dbt-packages';

/*
 * The released dbt_utils, dbt_date, dbt_expectations and codegen, unchanged, each in a small fixture project that calls
 * its main macros (and generic tests) on seeds. Expected values were worked out by hand from the seeds.
 */
async function fixtureWith(name: string, packages: string[]): Promise<string> {
  const dir = copyFixture(`real-${name}`);
  installSharedPackages(dir, packages);
  return dir;
}

async function csv(dir: string, sql: string): Promise<string> {
  const run = await tsdbt(dir, 'show', '--inline', sql, '--output', 'csv', '-q');
  if (run.code !== 0) throw new Error(run.stderr);
  return run.stdout;
}

async function build(dir: string): Promise<string> {
  const run = await tsdbt(dir, 'build');
  if (run.code !== 0 || run.stderr) throw new Error(`build failed\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describeWithPackages('real dbt packages, unchanged', () => {
  test('all four load: parse exits 0', async () => {
    const dir = await fixtureWith('codegen', ['dbt_utils', 'dbt_date', 'dbt_expectations', 'codegen']);
    const run = await tsdbt(dir, 'parse');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('dbt_utils: surrogate keys, star, union_relations, pivot, date_spine, deduplicate, unpivot and its generic tests', async () => {
    const dir = await fixtureWith('dbt_utils', ['dbt_utils']);
    expect(await build(dir)).toMatch(/Done\. PASS=20 WARN=0 ERROR=0 SKIP=0/);
    // md5('ann-paid'), md5('bob-open'): dbt_utils joins the fields with '-'.
    expect(await csv(dir, 'select distinct sk from keys where id in (1, 3) order by sk')).toBe(
      'sk\n2253f6c78661a29e4ffca5d685b71386\nd6a1336b2eb79f01458f71058a88fcdb',
    );
    expect(await csv(dir, 'select * from star where id = 1')).toBe('id,customer,status\n1,ann,paid');
    expect(await csv(dir, "select id, extra, _dbt_source_relation like '%more_orders%' as from_more from unioned where id in (1, 5) order by id")).toBe(
      'id,extra,from_more\n1,,false\n5,x,true',
    );
    expect(await csv(dir, 'select * from pivoted order by customer')).toBe('customer,open,paid\nann,0,2\nbob,1,0\ncid,0,1');
    expect(await csv(dir, 'select count(*) as n, min(date_day)::date as first, max(date_day)::date as last from spine')).toBe(
      'n,first,last\n4,2024-01-01,2024-01-04',
    );
    expect(await csv(dir, 'select id from deduped order by id')).toBe('id\n2\n3\n4');
    expect(await csv(dir, 'select * from totals order by customer')).toBe('customer,total,three,nothing\nann,30,3,\nbob,5,3,\ncid,7,3,');
    expect(await csv(dir, "select string_agg(value, '|' order by id) as amounts from unpivoted where field_name = 'amount'")).toBe('amounts\n10|20|5|7');
    expect(await csv(dir, 'select count(*) as n, sum(generated_number) as s from series')).toBe('n,s\n4,10');
    expect(await csv(dir, 'select slug, year_len from slug')).toBe('slug,year_len\nhello_world_2,4');
  });

  test('dbt_date: date parts, base dates, compile-time dates and comparisons, the date dimension', async () => {
    const dir = await fixtureWith('dbt_date', ['dbt_date']);
    await build(dir);
    // 2024-02-29 is a Thursday, day 60, ISO week 9; 2024-12-30 a Monday, day 365 of a leap year, ISO week 1 of 2025.
    expect(await csv(dir, 'select d, day_short, day_long, iso_dow, doy, week_start, iso_week, month_name, epoch from date_parts order by d')).toBe(
      [
        'd,day_short,day_long,iso_dow,doy,week_start,iso_week,month_name,epoch',
        '2024-02-29,Thu,Thursday,4,60,2024-02-25,9,February,1709164800',
        '2024-12-30,Mon,Monday,1,365,2024-12-29,1,December,1735516800',
      ].join('\n'),
    );
    expect(await csv(dir, 'select count(*) as n, min(date_day)::date as first, max(date_day)::date as last from base_dates')).toBe(
      'n,first,last\n7,2024-01-01,2024-01-07',
    );
    expect(await csv(dir, 'select * from compile_time')).toBe(
      'py_date,py_datetime,before_ref,between_ref,local_midnight\n2024-03-01,2024-03-01 12:00:00+00:00,false,true,2024-06-01 00:00:00+00:00',
    );
    expect(
      await csv(
        dir,
        "select count(*) as days, count(*) filter (where date_day = '2024-02-29' and day_of_week_name = 'Thursday' and quarter_of_year = 1) as leap from dim_dates",
      ),
    ).toBe(
      // The end date is exclusive, as in dbt_date's date spine: 2023 and 2024 but 2024-12-31.
      'days,leap\n730,1',
    );
  });

  test('dbt_expectations: generic tests in YAML pass on good data, and a failing expectation is caught', async () => {
    const dir = await fixtureWith('dbt_expectations', ['dbt_expectations', 'dbt_date']);
    const run = await tsdbt(dir, 'build');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Done\. PASS=22 WARN=1 ERROR=0 SKIP=0/);
    // Bob is 27: the only row under 30.
    expect(run.stdout).toMatch(/Warning in test ages_over_30_warns_for_bob[\s\S]*Got 1 result/);
  });

  test('codegen: generate_base_model, generate_model_yaml and generate_model_import_ctes print their output as it is', async () => {
    const dir = await fixtureWith('codegen', ['codegen', 'dbt_utils']);
    await build(dir);
    const base = await tsdbt(dir, 'run-operation', 'generate_base_model', '--args', '{source_name: raw, table_name: raw_customers}', '-q');
    expect(base.stdout).toContain("select * from {{ source('raw', 'raw_customers') }}");
    expect(base.stdout).toMatch(/select\n {8}id,\n {8}first_name,\n {8}signed_up\n\n {4}from source/);
    const yaml = await tsdbt(dir, 'run-operation', 'generate_model_yaml', '--args', '{model_names: [customers]}', '-q');
    expect(yaml.stdout.trim()).toBe(
      [
        'version: 2',
        '',
        'models:',
        '  - name: customers',
        '    description: ""',
        '    columns:',
        '      - name: id',
        '        data_type: integer',
        '        description: ""',
        '',
        '      - name: first_name',
        '        data_type: varchar',
        '        description: ""',
        '',
        '      - name: signed_up',
        '        data_type: date',
        '        description: ""',
      ].join('\n'),
    );
    const ctes = await tsdbt(dir, 'run-operation', 'generate_model_import_ctes', '--args', '{model_name: customers}', '-q');
    expect(ctes.stdout).toMatch(/^with raw_customers as \(\n\n {4}select \* from \{\{ ref\('raw_customers'\) \}\}/);
  });

  test("dbt_date's own integration tests build and pass on DuckDB", async () => {
    // The package's integration_tests project, with the package installed beside it as its packages.yml asks (local: ../).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-dbt-date-it-'));
    cpSync(path.join(SHARED_PACKAGES!, 'dbt_date', 'integration_tests'), dir, { recursive: true });
    cpSync(path.join(SHARED_PACKAGES!, 'dbt_date'), path.join(dir, 'dbt_packages', 'dbt_date'), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}integration_tests`),
    });
    const run = await tsdbt(dir, 'build', '--profiles-dir', dir, '--target', 'duckdb');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Done\. PASS=73 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=73/);
    expect(run.code).toBe(0);
  });

  test("dbt_expectations' own integration tests build and pass on DuckDB", async () => {
    // Unchanged from the package's repository: `flags: warn_error_options` as a mapping, and tests whose names clean
    // to the same text (like_pattern "%@%" and "%&%") that dbt tells apart by the hash of their arguments.
    const dir = await fixtureWith('dbt_expectations-it', ['dbt_expectations', 'dbt_date']);
    writeFileSync(
      path.join(dir, 'profiles.yml'),
      'integration_tests:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n      path: ./it.duckdb\n',
    );
    const run = await tsdbt(dir, 'build', '--profiles-dir', dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Done\. PASS=\d+ WARN=\d ERROR=\d SKIP=0 NO-OP=0 TOTAL=169/);
    // Two expectations test random data (dbt_expectations.rand()) and may, rarely, go the other way: a moving-stdev one
    // with severity warn, and one that expects some values beyond one standard deviation of their group.
    const failed = [...run.stdout.matchAll(/(?:Failure|Error) in (?:test|model|seed) (\S+)/g)].map((m) => m[1]);
    expect(failed.filter((name) => !name.endsWith('_within_n_stdevs_timeseries_data_grouped_row_value__group_id__1'))).toEqual([]);
  });

  test("dbt_utils' own integration tests on DuckDB: everything but what DuckDB cannot run passes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-dbt-utils-it-'));
    cpSync(path.join(SHARED_PACKAGES!, 'dbt_utils', 'integration_tests'), dir, { recursive: true });
    cpSync(path.join(SHARED_PACKAGES!, 'dbt_utils'), path.join(dir, 'dbt_packages', 'dbt_utils'), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}integration_tests`),
    });
    writeFileSync(
      path.join(dir, 'profiles.yml'),
      'integration_tests:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n      path: ./it.duckdb\n',
    );
    const run = await tsdbt(dir, 'build', '--profiles-dir', dir);
    // The README's compatibility table gives the reasons for each of these.
    const notApplicable = ['test_date_spine', 'test_get_relations_by_pattern', 'test_get_relations_by_prefix_and_union'];
    const seedFloatTypes = [
      'dbt_utils_equality_data_test_equality_floats_a_ref_data_test_equality_floats_b___8',
      'assert_equal_test_width_bucket_actual__expected',
    ];
    const failed = [...run.stdout.matchAll(/(?:Runtime Error|Error|Failure) in (?:model|test) (\S+)/g)].map((m) => m[1]).sort();
    expect(failed).toEqual([...notApplicable, ...seedFloatTypes].sort());
    expect(run.stdout).toMatch(/Done\. PASS=226 WARN=0 ERROR=5 SKIP=6 NO-OP=0 TOTAL=237/);
  });
});
