import { copyFixture, tsdbt, writeProject } from '../../helpers/project';

const lineIndex = (stdout: string, text: string) => stdout.split('\n').findIndex((line) => line.includes(text));

describe('unit tests (unit_tests: YAML)', () => {
  it('runs every unit test without building the inputs (dict, csv, fixture files, sql, overrides)', async () => {
    const dir = copyFixture('unit-shop');
    const run = await tsdbt(dir, 'test');
    expect(run.stdout).toContain('START unit_test stg_orders::drops_cancelled_and_lowercases');
    for (const name of [
      'stg_orders::drops_cancelled_and_lowercases',
      'customer_totals::totals_per_customer',
      'recent_orders::only_new_orders_when_incremental',
      'recent_orders::full_build_when_not_incremental',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`PASS ${name.replace(/:/g, ':')} \\.+ \\[PASS`));
    }
    expect(run.stdout).toContain('Found 3 models, 2 seeds, 4 unit tests');
    expect(run.code).toBe(0);
  });

  it('in build, runs each unit test after the model parents and before the model', async () => {
    const dir = copyFixture('unit-shop');
    const run = await tsdbt(dir, 'build');
    expect(run.code).toBe(0);
    const unitTest = lineIndex(run.stdout, 'PASS customer_totals::totals_per_customer');
    expect(unitTest).toBeGreaterThan(lineIndex(run.stdout, 'OK created sql view model main.stg_orders'));
    expect(unitTest).toBeLessThan(lineIndex(run.stdout, 'OK created sql view model main.customer_totals'));
  });

  it('selects only unit tests with test_type:unit, and a model selects its unit tests', async () => {
    const dir = copyFixture('unit-shop');
    const only = await tsdbt(dir, 'build', '--select', 'test_type:unit');
    expect(only.stdout).toContain('Done. PASS=4 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=4');
    const model = await tsdbt(dir, 'test', '--select', 'recent_orders');
    expect(model.stdout).toContain('TOTAL=2');
    expect(model.stdout).not.toContain('stg_orders::');
  });

  it('fails with a readable diff, and the failing unit test skips its model and what depends on it', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: diffs\nprofile: diffs\n',
      'models/doubled.sql': "select id, amount * 2 as amount, upper(name) as name from {{ ref('base') }}",
      'models/base.sql': "select 1 as id, 10 as amount, 'a' as name",
      'models/child.sql': "select * from {{ ref('doubled') }}",
      'models/tests.yml': [
        'unit_tests:',
        '  - name: doubles_amounts',
        '    model: doubled',
        '    given:',
        "      - input: ref('base')",
        '        rows: [{id: 1, amount: 5}, {id: 2, amount: 7}, {id: 2, amount: 7}]',
        '    expect:',
        '      rows: [{id: 1, amount: 10}, {id: 2, amount: 14}, {id: 3, amount: 1}]',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'build');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL 2 doubled::doubles_amounts \.+ \[FAIL 2/);
    // A multiset: the duplicated actual row (2, 14) is one row too many.
    expect(run.stdout).toMatch(/@@\s+\| id \| amount/);
    expect(run.stdout).toMatch(/\+\+\+ \| 2\s+\| 14/);
    expect(run.stdout).toMatch(/--- \| 3\s+\| 1/);
    expect(run.stdout).toContain('1 expected row missing (---), 1 unexpected row returned (+++)');
    expect(run.stdout).toContain('SKIP relation main.doubled');
    expect(run.stdout).toContain('SKIP relation main.child');
  });

  it('compares only the expected columns, with missing input columns NULL of the relation type', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: cols\nprofile: cols\n',
      'seeds/people.csv': 'id,name,born\n1,a,2000-01-01\n',
      'models/ages.sql': "select id, name, born is null as unknown_birth, born + interval 1 day as next_day from {{ ref('people') }}",
      'models/tests.yml': [
        'unit_tests:',
        '  - name: unknown_birth',
        '    model: ages',
        '    given:',
        "      - input: ref('people')",
        '        rows: [{id: 7}]',
        '    expect:',
        '      rows: [{id: 7, unknown_birth: true}]',
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'seed')).code).toBe(0);
    const run = await tsdbt(dir, 'test');
    expect(run.stdout).toContain('PASS ages::unknown_birth');
    expect(run.code).toBe(0);
  });

  it('reports an input the model does not read, at its line', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: bad\nprofile: bad\n',
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/tests.yml': [
        'unit_tests:',
        '  - name: t',
        '    model: b',
        '    given:',
        "      - input: ref('c')",
        '        rows: []',
        '    expect:',
        '      rows: []',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'test');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("models/tests.yml:5: unit test 't' gives ref('c'), which model 'b' does not read");
    expect(run.stderr).toContain("the model reads ref('a')");
  });

  it('reports an expected column the model does not return', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: bad\nprofile: bad\n',
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select id from {{ ref('a') }}",
      'models/tests.yml': [
        'unit_tests:',
        '  - name: t',
        '    model: b',
        '    given:',
        "      - input: ref('a')",
        '        rows: [{id: 1}]',
        '    expect:',
        '      rows: [{idd: 1}]',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'test');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("unit test 't' expects a column 'idd', which model 'b' does not return");
    expect(run.stdout).toContain('the model returns: id');
  });
});

describe('unit test overrides of macros', () => {
  it('replaces a project macro and a namespaced built-in by the given SQL text', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: macros\nprofile: macros\n',
      'macros/region.sql': "{% macro region() %}'eu'{% endmacro %}",
      'models/tagged.sql': "select id, {{ region() }} as region, {{ dbt.current_timestamp() }} as loaded_at from {{ ref('base') }}",
      'models/base.sql': 'select 1 as id',
      'models/tests.yml': [
        'unit_tests:',
        '  - name: tags_region',
        '    model: tagged',
        '    overrides:',
        '      macros:',
        '        region: "\'us\'"',
        '        dbt.current_timestamp: "timestamp \'2024-05-01 00:00:00\'"',
        '    given:',
        "      - input: ref('base')",
        '        rows: [{id: 1}]',
        '    expect:',
        "      rows: [{id: 1, region: us, loaded_at: '2024-05-01 00:00:00'}]",
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'test');
    expect(run.stdout).toContain('PASS tagged::tags_region');
    expect(run.code).toBe(0);
  });
});
