import { tsdbt, writeProject } from '../../helpers/project';
import { describePostgres, queryPostgres, usePostgresProfile } from '../../helpers/postgres';

// As on DuckDB (test/e2e/compat/temp-relations.test.ts): a relation without database or schema is the table Postgres
// binds the bare name to, its temporary one first.
const MACROS = `{% macro probe() %}
  {% do run_query('create table analytics.shadow as select 1 as c') %}
  {% do run_query('create temporary table shadow as select 1 as d, 2 as e') %}
  {% set bare = api.Relation.create(identifier='shadow') %}
  {% set bare_columns = adapter.get_columns_in_relation(bare) | map(attribute='name') | join(',') %}
  {% set in_schema = adapter.get_columns_in_relation(api.Relation.create(schema='analytics', identifier='shadow')) | map(attribute='name') | join(',') %}
  {% set found = load_relation(bare) is not none %}
  {% do adapter.drop_relation(bare.incorporate(type='table')) %}
  {% set after_drop = run_query("select count(*) from pg_tables where tablename = 'shadow' and schemaname like 'pg_temp%'").columns[0].values()[0] %}
  {% do run_query("create table analytics.probe as select '" ~ bare ~ "' as bare_name, '" ~ bare_columns ~ "' as bare_columns, '"
    ~ in_schema ~ "' as in_schema, " ~ found ~ " as found, " ~ after_drop ~ " as temporary_left") %}
{% endmacro %}
`;

describePostgres('relations without database or schema on PostgreSQL', (server) => {
  test('the bare name binds to the temporary table first; a schema part selects the other; drop removes the temporary one', async () => {
    const pg = server();
    const dir = writeProject({
      'dbt_project.yml': 'name: temps\nprofile: temps\n',
      'macros/probe.sql': MACROS,
      'models/a.sql': '{{ config(materialized="table", post_hook="{{ probe() }}") }}\nselect 1 as id\n',
    });
    usePostgresProfile(dir, pg, 'temps');
    const run = await tsdbt(dir, 'run', '--profiles-dir', dir);
    expect(run.stdout).toContain('PASS=1');
    expect(await queryPostgres(pg, 'select * from analytics.probe')).toEqual([
      { bare_name: '"shadow"', bare_columns: 'd,e', in_schema: 'c', found: true, temporary_left: 0 },
    ]);
  }, 60_000);
});
