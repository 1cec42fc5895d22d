import { tsdbt, writeProject } from '../../helpers/project';

const PROJECT = 'name: demo\nprofile: demo\n';

/** Compiles a project that must be refused: exit 2, no stack trace. Returns what was printed on stderr. */
async function refused(files: Record<string, string>, ...args: string[]): Promise<string> {
  const dir = writeProject({ 'project.yml': PROJECT, ...files });
  const run = await tsdbt(dir, ...(args.length ? args : ['compile']));
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(run.stderr).not.toMatch(/Internal error/);
  return run.stderr;
}

describe('project errors: exit 2 with file:line and a hint', () => {
  test('YAML syntax error in a properties file', async () => {
    const err = await refused({ 'models/a.sql': 'select 1', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns: [id\n  - name: b\n' });
    expect(err).toMatch(/models\/schema\.yml:\d+: invalid YAML/);
    expect(err).toMatch(/hint: /);
  });

  test('YAML syntax error in the project file', async () => {
    const dir = writeProject({ 'project.yml': 'name: demo\nmodels:\n  demo: [\n', 'models/a.sql': 'select 1' });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/project\.yml:\d+/);
  });

  test('Jinja syntax error: the line of the unclosed block', async () => {
    const err = await refused({ 'models/a.sql': 'select 1\n{% if true %}\nfrom x\n\n' });
    expect(err).toMatch(/models\/a\.sql:3: Jinja error: .*endif/);
    expect(err).toMatch(/hint: check the Jinja tags/);
  });

  test('Jinja syntax error inside an expression', async () => {
    const err = await refused({ 'models/a.sql': 'select 1,\n\n  {{ 1 + }} as x' });
    expect(err).toMatch(/models\/a\.sql:3: Jinja error/);
  });

  test("Jinja errors in properties YAML values name the value's line, in a model's config and in a test's config", async () => {
    const model = await refused({
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    config:\n      materialized: "{{ nope( }}"\n',
    });
    expect(model).toMatch(/models\/schema\.yml:5: Jinja error/);
    const test = await refused({
      'models/a.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              config:\n                severity: "{{ undefined_macro() }}"\n',
    });
    expect(test).toMatch(/models\/schema\.yml:9: Jinja error: Unable to call `undefined_macro`/);
  });

  test('Jinja syntax error in a macro file', async () => {
    const err = await refused({ 'macros/bad.sql': '{% macro m() %}\nselect 1\n{% if %}\n{% endmacro %}', 'models/a.sql': 'select 1' });
    expect(err).toMatch(/macros\/bad\.sql:3: Jinja error/);
  });

  test('unknown ref, with the nearest names', async () => {
    const err = await refused({ 'models/customers.sql': 'select 1 as id', 'models/orders.sql': '-- orders\nselect * from {{ ref("customer") }}' });
    expect(err).toMatch(/models\/orders\.sql:2: model 'orders' refers to 'customer', which was not found/);
    expect(err).toMatch(/hint: did you mean 'customers'\?/);
  });

  test('did-you-mean never suggests the referring model itself', async () => {
    const err = await refused({ 'models/ab.sql': 'select 1', 'models/b.sql': 'select * from {{ ref("bb") }}' });
    expect(err).toMatch(/hint: did you mean 'ab'\?/);
  });

  test('unknown source', async () => {
    const err = await refused({
      'models/sources.yml': 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: users\n',
      'models/a.sql': 'select *\nfrom {{ source("raw", "user") }}',
    });
    expect(err).toMatch(/models\/a\.sql:2: model 'a' refers to source 'raw\.user', which was not found/);
    expect(err).toMatch(/did you mean 'raw\.users'/);
  });

  test('cycle: prints the path and points at the closing ref', async () => {
    const err = await refused({
      'models/a.sql': 'select * from {{ ref("c") }}',
      'models/b.sql': 'select * from {{ ref("a") }}',
      'models/c.sql': 'select * from {{ ref("b") }}',
    });
    expect(err).toMatch(/models\/a\.sql:1: found a cycle: a -> b -> c -> a/);
    expect(err).toMatch(/hint: remove one of these refs/);
  });

  test('duplicate model names in two folders', async () => {
    const err = await refused({ 'models/one/x.sql': 'select 1', 'models/two/x.sql': 'select 2' });
    expect(err).toMatch(/models\/two\/x\.sql:1: two resources are named 'x': models\/one\/x\.sql and models\/two\/x\.sql/);
    expect(err).toMatch(/hint: rename one/);
  });

  test('duplicate YAML entries for one model', async () => {
    const err = await refused({
      'models/a.sql': 'select 1',
      'models/one.yml': 'version: 2\nmodels:\n  - name: a\n    description: first\n',
      'models/two.yml': 'version: 2\nmodels:\n\n  - name: a\n    description: second\n',
    });
    expect(err).toMatch(/models\/two\.yml:4: found two properties entries for the model 'a' \(also in models\/one\.yml:3\)/);
    expect(err).toMatch(/hint: /);
  });

  test('undefined macro', async () => {
    const err = await refused({ 'models/a.sql': 'select\n  {{ cents_to_dollars("amount") }} as amount' });
    expect(err).toMatch(/models\/a\.sql:2: Jinja error: Unable to call `cents_to_dollars`/);
    expect(err).toMatch(/hint: 'cents_to_dollars' is not a macro/);
  });

  test('undefined macro called from a project macro: the line in the macro, and the caller line in the model', async () => {
    const err = await refused({ 'macros/wrap.sql': '{% macro wrap(x) %}\n{{ nothing_here(x) }}\n{% endmacro %}', 'models/a.sql': 'select\n\n{{ wrap(1) }}' });
    expect(err).toMatch(/macros\/wrap\.sql:2: Jinja error: Unable to call `nothing_here`.* \(in a macro called by models\/a\.sql:3\)/);
  });

  test('missing var without default', async () => {
    const err = await refused({ 'models/a.sql': 'select 1\nwhere d > \'{{ var("start_date") }}\'' });
    expect(err).toMatch(/models\/a\.sql:2: required var 'start_date' not found/);
    expect(err).toMatch(/hint: pass it with --vars/);
  });

  test('bad --vars', async () => {
    const err = await refused({ 'models/a.sql': 'select 1' }, 'compile', '--vars', '{days: [7');
    expect(err).toMatch(/--vars is not valid YAML or JSON/);
    expect(err).toMatch(/hint: write it as --vars/);
    expect(await refused({ 'models/a.sql': 'select 1' }, 'ls', '--vars', '[1, 2]')).toMatch(/--vars must be a mapping/);
  });

  test('unknown selector method', async () => {
    const err = await refused({ 'models/a.sql': 'select 1' }, 'ls', '-s', 'colour:red');
    expect(err).toMatch(/"colour" is not a selection method/);
    expect(err).toMatch(/hint: /);
  });

  test('several errors are reported together', async () => {
    const err = await refused({
      'models/bad.yml': 'models:\n  - name: a\n   description: x\n',
      'models/a.sql': 'select {{ oops( }}',
      'models/b.sql': 'select * from {{ ref("missing_model") }}',
      'models/c.sql': '{{ var("nope") }}',
      'models/d.sql': 'select * from {{ ref("a") }}',
    });
    expect(err).toMatch(/Encountered 4 errors/);
    for (const file of ['bad.yml', 'a.sql', 'b.sql', 'c.sql']) expect(err).toContain(`models/${file}:`);
    // A ref to a file that failed to parse is not reported a second time as unknown.
    expect(err).not.toContain("refers to 'a'");
  });
});

describe('log() while parsing', () => {
  test('log(..., info=True) in a model prints during parse, as dbt does', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: logs\nprofile: logs\n',
      'models/m.sql': "{{ log('hello from ' ~ (execute | string), info=True) }}select 1 as x",
    });
    const run = await tsdbt(dir, 'parse');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/hello from False/);
  });
});

describe('a bare undefined name', () => {
  test('renders empty, as in dbt, with one warning naming it, its file and line', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: undef\nprofile: undef\n',
      'models/m.sql': "select 1 as id,\n  '{{ no_such_var }}' as x, '{{ no_such_var }}' as y",
    });
    const run = await tsdbt(dir, 'build');
    expect(run.code).toBe(0);
    expect(run.stdout.match(/models\/m\.sql:2: 'no_such_var' is undefined and renders empty/g)).toHaveLength(1);
  });
});
