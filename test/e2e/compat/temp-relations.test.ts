import { tsdbt, writeProject } from '../../helpers/project';

// As elementary's artifact uploads: a temporary relation from make_temp_relation (no database, no schema) is created,
// introspected and dropped through the adapter. dbt renders only the parts that are not none.
const MACROS = `{% macro probe() %}
  {% set tmp = make_temp_relation(this) %}
  {% do run_query('create temporary table ' ~ tmp ~ " as select 1 as a, 'x' as b") %}
  {% set tmp_columns = adapter.get_columns_in_relation(tmp) | map(attribute='name') | join(',') %}
  {% do adapter.drop_relation(tmp) %}
  {% set temp_left = run_query("select count(*) from information_schema.tables where table_catalog = 'temp'").columns[0].values()[0] %}
  {% do run_query('create table main.shadow as select 1 as c') %}
  {% do run_query('create temporary table shadow as select 1 as d, 2 as e') %}
  {% set bare = api.Relation.create(identifier='shadow') %}
  {% set bare_columns = adapter.get_columns_in_relation(bare) | map(attribute='name') | join(',') %}
  {% set in_main = adapter.get_columns_in_relation(api.Relation.create(database=target.database, schema='main', identifier='shadow')) | map(attribute='name') | join(',') %}
  {% do run_query("create table main.probe as select '" ~ tmp ~ "' as tmp_name, '" ~ tmp_columns ~ "' as tmp_columns, "
    ~ temp_left ~ " as temp_left, '" ~ bare ~ "' as bare_name, '" ~ bare_columns ~ "' as bare_columns, '" ~ in_main ~ "' as in_main") %}
{% endmacro %}
`;

describe('relations macros build and look up', () => {
  test('a temporary relation renders by identifier alone, and the adapter reads and drops the table it names', async () => {
    const dir = writeProject({
      'project.yml': 'name: temps\n',
      'macros/probe.sql': MACROS,
      'models/a.sql': '{{ config(materialized="table", post_hook="{{ probe() }}") }}\nselect 1 as id\n',
    });
    const run = await tsdbt(dir, 'run');
    expect(run.stdout + run.stderr).toContain('PASS=1');
    const probe = await tsdbt(dir, 'show', '--inline', 'select * from main.probe', '--output', 'json', '-q');
    const [row] = JSON.parse(probe.stdout).show as Record<string, unknown>[];
    expect(row).toEqual({
      tmp_name: expect.stringMatching(/^"a__dbt_tmp\d+"$/),
      tmp_columns: 'a,b',
      temp_left: 0,
      // The bare name binds to the temporary table first, as DuckDB resolves it; naming its database selects the other.
      bare_name: '"shadow"',
      bare_columns: 'd,e',
      in_main: 'c',
    });
  });

  test('dbt.get_or_create_relation answers [true, the relation] when it exists, else [false, a new one of the type]', async () => {
    const dir = writeProject({
      'project.yml': 'name: getorcreate\n',
      'models/a.sql': 'select 1 as id\n',
      'models/b.sql': [
        "{% set found, existing = dbt.get_or_create_relation(database=target.database, schema=target.schema, identifier='a', type='table') %}",
        "{% set made, fresh = get_or_create_relation(target.database, target.schema, 'not_yet', 'table') %}",
        "select {{ found }} as found, '{{ existing.type }}' as existing_type, {{ made }} as made, '{{ fresh.identifier }}:{{ fresh.type }}' as fresh",
        "-- depends_on: {{ ref('a') }}",
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'run')).stdout).toContain('PASS=2');
    const b = await tsdbt(dir, 'show', '--inline', 'select * from main.b', '--output', 'json', '-q');
    expect(JSON.parse(b.stdout).show).toEqual([{ found: true, existing_type: 'view', made: false, fresh: 'not_yet:table' }]);
  });
});
