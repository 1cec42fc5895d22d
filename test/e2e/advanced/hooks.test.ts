import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

const PROJECT = `name: hooked
on-run-start:
  - "create table if not exists main.audit (event varchar, detail varchar)"
  - "insert into main.audit values ('start', '{{ target.name }}')"
on-run-end:
  - "{{ record_results(results) }}"
`;

const MACROS = `{% macro record_results(results) %}
  {% for result in results %}
    insert into main.audit values ('{{ result.status }}', '{{ result.node.name }} {{ result.thread_id }} {{ result.node.compiled_code is string }}');
  {% endfor %}
{% endmacro %}

{% macro add_event(event, detail='none') %}
  {% do run_query("insert into main.audit values ('" ~ event ~ "', '" ~ detail ~ "')") %}
  {% do log('added ' ~ event, info=True) %}
{% endmacro %}
`;

describe('project hooks and run-operation', () => {
  test('on-run-start runs before the nodes, on-run-end sees `results`', async () => {
    const dir = writeProject({
      'project.yml': PROJECT,
      'macros/audit.sql': MACROS,
      'models/a.sql': 'select 1 as id\n',
      'models/b.sql': "select * from {{ ref('a') }}\n",
    });
    const build = await tsdbt(dir, 'run');
    expect(build.stdout).toMatch(/Running 2 on-run-start hooks/);
    expect(build.code).toBe(0);
    const audit = await tsdbt(dir, 'show', '--inline', 'select event, detail from main.audit order by all', '--output', 'csv', '-q');
    // Each result is dbt's RunResult: its thread, and its node compiled.
    expect(audit.stdout).toBe('event,detail\nstart,dev\nsuccess,a Thread-1 True\nsuccess,b Thread-1 True');
  });

  test('run-operation calls a macro with --args; queries run; unknown macros are refused', async () => {
    const dir = writeProject({ 'project.yml': PROJECT, 'macros/audit.sql': MACROS, 'models/a.sql': 'select 1 as id\n' });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    const op = await tsdbt(dir, 'run-operation', 'add_event', '--args', '{event: manual, detail: by hand}');
    expect(op.code).toBe(0);
    expect(op.stdout).toMatch(/added manual/);
    const audit = await tsdbt(dir, 'show', '--inline', "select count(*) as n from main.audit where event = 'manual'", '--output', 'csv', '-q');
    expect(audit.stdout).toBe('n\n1');
    const unknown = await tsdbt(dir, 'run-operation', 'add_evnt');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no macro named 'add_evnt'.*\n.*did you mean 'add_event'/);
  });

  test('adapter.create_schema and adapter.drop_schema run the create_schema and drop_schema macros', async () => {
    const dir = writeProject({
      'project.yml': 'name: hooked\n',
      'macros/schemas.sql': [
        '{% macro make_schemas() %}',
        "{% do adapter.create_schema(api.Relation.create(database=target.database, schema='made')) %}",
        "{% do adapter.create_schema(api.Relation.create(database=target.database, schema='gone')) %}",
        "{% do adapter.drop_schema(api.Relation.create(database=target.database, schema='gone')) %}",
        '{% endmacro %}',
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'run-operation', 'make_schemas')).code).toBe(0);
    const schemas = await tsdbt(
      dir,
      'show',
      '--inline',
      "select schema_name from information_schema.schemata where schema_name in ('made', 'gone')",
      '--output',
      'csv',
      '-q',
    );
    expect(schemas.stdout).toBe('schema_name\nmade');
  });

  test('a failing on-run-start hook stops the run with exit code 1', async () => {
    const dir = writeProject({ 'project.yml': 'name: hooked\non-run-start: "select * from no_such_table"\n', 'models/a.sql': 'select 1 as id\n' });
    const run = await tsdbt(dir, 'run');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR hook: hooked\.on-run-start\.0[\s\S]*no_such_table/);
    expect(run.stdout).not.toMatch(/START sql view model/);
  });
});

describe('a hook whose render runs queries', () => {
  test('with one thread, run_query in on-run-start runs and the build goes on (no wait on the only connection)', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: hooked\nprofile: hooked\non-run-start:\n  - "{{ probe() }}"\n',
      'profiles.yml': 'hooked:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: hooked.duckdb\n      threads: 1\n',
      'macros/probe.sql':
        "{% macro probe() %}{% set r = run_query('select 41 + 1 as a') %}{{ log('answer ' ~ r.columns[0].values()[0], info=True) }}{% endmacro %}",
      'models/a.sql': 'select 1 as id\n',
    });
    const run = await tsdbt(dir, 'build');
    expect(run.stdout).toMatch(/answer 42/);
    expect(run.stdout).toMatch(/Done\. PASS=1 /);
    expect(run.code).toBe(0);
  });
});

describe('node hooks rendered when they run', () => {
  const AUDIT = `name: hooked
on-run-start:
  - "create table if not exists main.audit (event varchar, n bigint)"
`;
  const COUNTING = `{% macro record_count(event) %}
  {% set n = run_query('select count(*) from ' ~ this).columns[0].values()[0] %}
  insert into main.audit values ('{{ event }}', {{ n }})
{% endmacro %}
`;
  const audit = async (dir: string) => (await tsdbt(dir, 'show', '--inline', 'select event, n from main.audit order by event', '--output', 'csv', '-q')).stdout;

  test("a post-hook querying `this` runs on a first build and sees the model's rows", async () => {
    const dir = writeProject({
      'project.yml': AUDIT,
      'macros/count.sql': COUNTING,
      'models/m.sql': "{{ config(materialized='table', post_hook=\"{{ record_count('m') }}\") }}\nselect * from range(3)\n",
      'models/v.sql': "{{ config(post_hook=[\"{{ record_count('v') }}\"]) }}\nselect * from {{ ref('m') }} where range > 0\n",
    });
    const build = await tsdbt(dir, 'build');
    expect(build.stdout).toMatch(/PASS=2 /);
    expect(build.code).toBe(0);
    expect(await audit(dir)).toBe('event,n\nm,3\nv,2');
    // The compiled file is the model's SQL alone, as dbt writes it; target/run has the hooks as they ran.
    const compiled = readFileSync(path.join(dir, 'target/compiled/hooked/models/m.sql'), 'utf8');
    expect(compiled).not.toMatch(/audit/);
    expect(readFileSync(path.join(dir, 'target/run/hooked/models/m.sql'), 'utf8')).toMatch(/insert into main\.audit values \('m', 3\)/);
  });

  test('each hook renders after the previous one ran; transaction: false hooks run outside the transaction', async () => {
    const dir = writeProject({
      'project.yml': AUDIT,
      'macros/count.sql': COUNTING,
      'models/m.sql': `{{ config(materialized='table', pre_hook=[
          "create or replace table main.side as select 5 as x",
          "insert into main.audit select 'side', count(*) from main.side",
          "{% set x = run_query('select x from main.side')[0][0] %}insert into main.audit values ('x', {{ x }})",
        ], post_hook={'sql': "{{ record_count('after_commit') }}", 'transaction': false}) }}
select 1 as id
`,
    });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(0);
    expect(await audit(dir)).toBe('event,n\nafter_commit,1\nside,1\nx,5');
  });

  test('seeds and snapshots run their hooks too', async () => {
    const dir = writeProject({
      'project.yml': `${AUDIT}seeds:\n  hooked:\n    +post-hook: "{{ record_count('seed') }}"\n`,
      'macros/count.sql': COUNTING,
      'seeds/s.csv': 'id,v\n1,a\n2,b\n',
      'snapshots/snap.sql': `{% snapshot snap %}
{{ config(target_schema='main', unique_key='id', strategy='check', check_cols='all', post_hook="{{ record_count('snap') }}") }}
select * from {{ ref('s') }}
{% endsnapshot %}
`,
    });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(0);
    expect(await audit(dir)).toBe('event,n\nseed,2\nsnap,2');
  });

  test("a seed's post-hook may drop what it loaded with adapter.drop_relation (dbt_utils' integration tests do)", async () => {
    const dir = writeProject({
      'project.yml': `name: hooked\nseeds:\n  hooked:\n    +post-hook: "{% do adapter.drop_relation(this.incorporate(type='table')) %}"\n`,
      'seeds/gone.csv': 'id\n1\n',
    });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(0);
    const exists = await tsdbt(
      dir,
      'show',
      '--inline',
      "select count(*) as n from information_schema.tables where table_name = 'gone'",
      '--output',
      'csv',
      '-q',
    );
    expect(exists.stdout).toBe('n\n0');
  });

  test('a failing post-hook fails its model and rolls the model back', async () => {
    const dir = writeProject({
      'project.yml': 'name: hooked\n',
      'models/m.sql': "{{ config(materialized='table', post_hook='insert into no_such_table values (1)') }}\nselect 1 as id\n",
    });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/no_such_table/);
    const exists = await tsdbt(dir, 'show', '--inline', "select count(*) as n from information_schema.tables where table_name = 'm'", '--output', 'csv', '-q');
    expect(exists.stdout).toBe('n\n0');
  });

  test("a failing hook's error names the hook and its line, not a line of the model's compiled SQL", async () => {
    const dir = writeProject({
      'project.yml': 'name: hooked\n',
      'models/m.sql': `{{ config(pre_hook=['select 1', 'select 1;\\nselec 2']) }}\nselect 1 as id\n`,
      'models/n.sql': `{{ config(post_hook={'sql': 'select\\n * from nowhere', 'transaction': false}) }}\nselect 1 as id\n`,
    });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/syntax error at or near "selec" \(in pre-hook 2, line 2\)/);
    expect(build.stdout).toMatch(/nowhere[^\n]* \(in post-hook 1, line 2\)/);
    expect(build.stdout).not.toMatch(/of the compiled SQL/);
  });
});
