import { tsdbt, writeProject } from '../../helpers/project';

// As elementary's delete_and_insert: a temp table named after the current microsecond, created then read back. Each
// query re-runs the render; a name read from the clock again on each pass would ask a new query every time, forever.
const MACROS = `{% macro stage_rows(label) %}
  {% set name = 'tmp_' ~ label ~ modules.datetime.datetime.utcnow().strftime('%Y%m%d%H%M%S%f') %}
  {% do run_query('create table main.' ~ name ~ ' as select 1 as x') %}
  {% do run_query('insert into main.' ~ name ~ ' values (2)') %}
  {% set total = run_query('select sum(x) from main.' ~ name).columns[0].values()[0] %}
  {% do run_query('create table if not exists main.totals (label varchar, total int)') %}
  {% do run_query("insert into main.totals values ('" ~ label ~ "', " ~ total ~ ")") %}
{% endmacro %}
`;

describe('queries named after the clock', () => {
  test('a render re-run after a query reads the same time again: each query runs once', async () => {
    const dir = writeProject({
      'project.yml': 'name: clocked\n',
      'macros/stage.sql': MACROS,
      'models/a.sql': "{{ config(post_hook=\"{{ stage_rows('hook') }}\") }}\n{% if execute %}{{ stage_rows('body') }}{% endif %}\nselect 1 as id\n",
    });
    const run = await tsdbt(dir, 'run');
    expect(run.code).toBe(0);
    const tables = await tsdbt(
      dir,
      'show',
      '--inline',
      "select count(*) as n from information_schema.tables where table_name like 'tmp_%'",
      '--output',
      'csv',
      '-q',
    );
    expect(tables.stdout).toBe('n\n2');
    const totals = await tsdbt(dir, 'show', '--inline', 'select label, total from main.totals order by all', '--output', 'csv', '-q');
    expect(totals.stdout).toBe('label,total\nbody,3\nhook,3');
  });
});
