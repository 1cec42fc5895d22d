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
    insert into main.audit values ('{{ result.status }}', '{{ result.node.name }}');
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
    expect(audit.stdout).toBe('event,detail\nstart,dev\nsuccess,a\nsuccess,b');
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
