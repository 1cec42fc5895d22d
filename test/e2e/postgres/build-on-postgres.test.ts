import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { duckdbDialect } from '../../../src/adapters/duckdb/dialect';
import { postgresDialect } from '../../../src/adapters/postgres/dialect';
import type { SeedType } from '../../../src/adapters/adapter';
import { queryDatabase } from '../../helpers/warehouse';
import { copyFixture, tsdbt, writeProject } from '../../helpers/project';
import { describePostgres, queryPostgres, usePostgresProfile, type PostgresServer } from '../../helpers/postgres';

const SEED = [
  'id,name,joined,score,active,seen_at,big,code',
  '1,Ann,2024-01-02,1.5,true,2024-01-02 10:00:00,3000000000,007',
  '2,"Bob ""B""",2024-02-03,2,false,2024-01-03 11:30:00,1,x',
  '3,"Cy, Jr",2024-03-04,,TRUE,,2,',
  '',
].join('\n');

const PROJECT: Record<string, string> = {
  'dbt_project.yml': 'name: pgshop\nprofile: pgshop\nmodels:\n  pgshop:\n    +materialized: view\n',
  'seeds/people.csv': SEED,
  'models/base.sql': "select id, name, score, joined from {{ ref('people') }}\n",
  'models/doubled.sql': "{{ config(materialized='ephemeral') }}\nselect id, score * 2 as doubled from {{ ref('base') }}\n",
  'models/wide.sql': [
    "{{ config(materialized='table', post_hook=\"insert into {{ target.schema }}.hook_log values ('{{ this.identifier }}')\") }}",
    "select b.id, b.name, d.doubled, {{ dbt.dateadd('day', 1, 'b.joined') }} as next_day, {{ pgshop_label() }} as label",
    "from {{ ref('base') }} b join {{ ref('doubled') }} d using (id)",
    '',
  ].join('\n'),
  'models/column_names.sql': [
    "{% set cols = adapter.get_columns_in_relation(ref('wide')) %}",
    "{% set n = run_query('select count(*) from ' ~ ref('wide')) %}",
    "select '{{ cols | map(attribute='name') | join(',') }}' as names, {{ n[0][0] if execute else 0 }} as row_count",
    '',
  ].join('\n'),
  'models/inc_delete.sql': incremental('delete+insert'),
  'models/inc_merge.sql': incremental('merge'),
  'models/inc_append.sql': incremental('append'),
  'macros/label.sql': [
    "{% macro pgshop_label() %}{{ return(adapter.dispatch('pgshop_label')()) }}{% endmacro %}",
    "{% macro default__pgshop_label() %}'default'{% endmacro %}",
    "{% macro postgres__pgshop_label() %}'postgres'{% endmacro %}",
    '',
  ].join('\n'),
  'models/schema.yml': [
    'models:',
    '  - name: wide',
    '    columns:',
    '      - name: id',
    '        data_tests: [unique, not_null]',
    '      - name: doubled',
    '        data_tests:',
    '          - not_null:',
    '              config: {store_failures: true, severity: warn}',
    'unit_tests:',
    '  - name: doubles_scores',
    '    model: wide',
    '    given:',
    "      - input: ref('base')",
    "        rows: [{id: 1, name: a, score: 2, joined: '2024-01-31'}]",
    "      - input: ref('doubled')",
    '        rows: [{id: 1, doubled: 4}]',
    '    expect:',
    '      rows: [{id: 1, doubled: 4, label: postgres}]',
    '',
  ].join('\n'),
  'tests/no_negative_scores.sql': "select * from {{ ref('base') }} where score < 0\n",
  'snapshots/people_snapshot.sql': [
    '{% snapshot people_snapshot %}',
    "{{ config(target_schema=target.schema ~ '_snapshots', unique_key='id', strategy='check', check_cols=['name']) }}",
    "select id, name from {{ ref('people') }}",
    '{% endsnapshot %}',
    '',
  ].join('\n'),
};

function incremental(strategy: string): string {
  const key = strategy === 'append' ? '' : ", unique_key='id'";
  return [
    `{{ config(materialized='incremental', incremental_strategy='${strategy}'${key}) }}`,
    "select id, name from {{ ref('people') }}",
    '{% if is_incremental() %}where id >= (select max(id) from {{ this }}){% endif %}',
    '',
  ].join('\n');
}

describePostgres('a project built on PostgreSQL', (server) => {
  let dir: string;
  let pg: PostgresServer;
  const q = (sql: string) => queryPostgres(pg, sql);

  beforeAll(async () => {
    pg = server();
    dir = writeProject(PROJECT);
    usePostgresProfile(dir, pg, 'pgshop');
    await q('create schema if not exists analytics; create table analytics.hook_log (model text)');
    const first = await tsdbt(dir, 'build');
    if (first.code !== 0) throw new Error(first.stdout);
    writeFileSync(
      path.join(dir, 'seeds/people.csv'),
      SEED.replace('2,"Bob ""B"""', '2,Bobby').replace('3,"Cy, Jr"', '3,Cyrus') + '4,Dee,2024-04-05,3,false,,5,y\n',
    );
    const second = await tsdbt(dir, 'build');
    if (second.code !== 0) throw new Error(second.stdout);
  }, 120_000);

  test('seeds stream in with COPY and get the column types DuckDB gives the same file', async () => {
    const pgTypes = await q(
      "select column_name, data_type from information_schema.columns where table_schema = 'analytics' and table_name = 'people' order by ordinal_position",
    );
    const duck = writeProject({ 'dbt_project.yml': 'name: duckshop\n', 'seeds/people.csv': SEED });
    expect((await tsdbt(duck, 'seed')).code).toBe(0);
    const duckTypes = await queryDatabase(
      path.join(duck, 'duckshop.duckdb'),
      "select data_type from information_schema.columns where table_name = 'people' order by ordinal_position",
    );
    const asPostgres = duckTypes.map((row) => postgresDialect.seed.typeName(row.data_type as SeedType));
    const spelled = await q(`select ${asPostgres.map((t, i) => `pg_typeof(null::${t})::text as t${i}`).join(', ')}`);
    expect(pgTypes.map((row) => row.data_type)).toEqual(Object.values(spelled[0]));
    expect(pgTypes.map((row) => row.data_type)).toEqual([
      'integer',
      'text',
      'date',
      'double precision',
      'boolean',
      'timestamp without time zone',
      'bigint',
      'text',
    ]);
    expect(duckTypes.map((row) => duckdbDialect.seed.typeName(row.data_type as SeedType))).toEqual([
      'INTEGER',
      'VARCHAR',
      'DATE',
      'DOUBLE',
      'BOOLEAN',
      'TIMESTAMP',
      'BIGINT',
      'VARCHAR',
    ]);
  });

  test('views, tables and ephemeral models build; postgres__ implementations win in dispatch', async () => {
    expect(
      await q("select table_name, table_type from information_schema.tables where table_schema = 'analytics' and table_name in ('base', 'wide') order by 1"),
    ).toEqual([
      { table_name: 'base', table_type: 'VIEW' },
      { table_name: 'wide', table_type: 'BASE TABLE' },
    ]);
    expect(await q('select id, doubled, next_day::date::text as next_day, label from analytics.wide order by id')).toEqual([
      { id: 1, doubled: 3, next_day: '2024-01-03', label: 'postgres' },
      { id: 2, doubled: 4, next_day: '2024-02-04', label: 'postgres' },
      { id: 3, doubled: null, next_day: '2024-03-05', label: 'postgres' },
      { id: 4, doubled: 6, next_day: '2024-04-06', label: 'postgres' },
    ]);
  });

  test('run_query and adapter.get_columns_in_relation read the server', async () => {
    expect(await q('select names, row_count from analytics.column_names')).toEqual([{ names: 'id,name,doubled,next_day,label', row_count: 4 }]);
  });

  test('incremental strategies: delete+insert and merge replace by key, append adds', async () => {
    const names = (model: string) => q(`select id, name from analytics.${model} order by id, name`);
    const replaced = [
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob "B"' },
      { id: 3, name: 'Cyrus' },
      { id: 4, name: 'Dee' },
    ];
    expect(await names('inc_delete')).toEqual(replaced);
    expect(await names('inc_merge')).toEqual(replaced);
    expect(await names('inc_append')).toEqual([...replaced.slice(0, 2), { id: 3, name: 'Cy, Jr' }, ...replaced.slice(2)]);
  });

  test('snapshots keep the history of changed rows', async () => {
    const rows = await q('select id, name, dbt_valid_to is null as current from analytics_snapshots.people_snapshot order by id, dbt_valid_from');
    expect(rows).toEqual([
      { id: 1, name: 'Ann', current: true },
      { id: 2, name: 'Bob "B"', current: false },
      { id: 2, name: 'Bobby', current: true },
      { id: 3, name: 'Cy, Jr', current: false },
      { id: 3, name: 'Cyrus', current: true },
      { id: 4, name: 'Dee', current: true },
    ]);
  });

  test('tests, unit tests, store_failures and hooks run', async () => {
    const run = await tsdbt(dir, 'build', '--select', 'wide+', '--exclude', 'column_names');
    expect(run.stdout).toMatch(/PASS wide::doubles_scores/);
    expect(run.stdout).toMatch(/WARN 1 not_null_wide_doubled/);
    expect(run.stdout).toMatch(/PASS unique_wide_id/);
    expect(await q('select id from analytics_dbt_test__audit.not_null_wide_doubled')).toEqual([{ id: 3 }]);
    expect((await q("select count(*)::int as n from analytics.hook_log where model = 'wide'"))[0].n).toBe(3);
  });

  test('a failing rebuild rolls back in one transaction: the old table stays, no temporary relation is left', async () => {
    const model = path.join(dir, 'models/wide.sql');
    const original = readFileSync(model, 'utf8');
    writeFileSync(model, original.replace('insert into {{ target.schema }}.hook_log', 'insert into {{ target.schema }}.missing_log'));
    const run = await tsdbt(dir, 'run', '--select', 'wide');
    writeFileSync(model, original);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('relation "analytics.missing_log" does not exist');
    expect((await q('select count(*)::int as n from analytics.wide'))[0].n).toBe(4);
    expect(await q("select relname from pg_class where relname like 'wide__dbt_tmp%'")).toEqual([]);
  });

  test('docs generate reads catalog.json from pg_catalog', async () => {
    expect((await tsdbt(dir, 'docs', 'generate')).code).toBe(0);
    const catalog = JSON.parse(readFileSync(path.join(dir, 'target/catalog.json'), 'utf8'));
    const wide = catalog.nodes['model.pgshop.wide'];
    expect(wide.metadata).toMatchObject({ type: 'BASE TABLE', schema: 'analytics', name: 'wide', database: pg.dbname, owner: 'postgres' });
    expect(Object.values(wide.columns).map((c) => (c as { name: string; type: string }).type)).toEqual([
      'integer',
      'text',
      'double precision',
      'timestamp without time zone',
      'text',
    ]);
    expect(catalog.nodes['model.pgshop.base'].metadata.type).toBe('VIEW');
    expect(catalog.nodes['seed.pgshop.people'].columns.joined).toMatchObject({ type: 'date', index: 3 });
  });

  test('an SQL error names the line of the compiled file', async () => {
    writeFileSync(path.join(dir, 'models/broken.sql'), "select\n  id,\n  no_such_column\nfrom {{ ref('base') }}\n");
    const run = await tsdbt(dir, 'run', '--select', 'broken');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('column "no_such_column" does not exist (line 3 of the compiled SQL)');
    expect(run.stdout).toContain('LINE 3: no_such_column');
  });
});

describePostgres("the engine's fixture projects build on PostgreSQL too", (server) => {
  test('compat-incremental: is_incremental() and composite unique keys', async () => {
    const dir = copyFixture('compat-incremental');
    usePostgresProfile(dir, server(), 'compat_incremental', { schema: 'incremental' });
    const build = () => tsdbt(dir, 'build', '--profiles-dir', dir);
    expect((await build()).code).toBe(0);
    writeFileSync(
      path.join(dir, 'seeds/events.csv'),
      'event_id,day,kind,amount\n1,2024-01-01,click,100\n2,2024-01-01,view,2\n3,2024-01-02,click,3\n4,2024-01-02,click,4\n5,2024-01-03,view,5\n',
    );
    expect((await build()).code).toBe(0);
    expect(await queryPostgres(server(), 'select event_id, amount from incremental.events_latest order by event_id')).toEqual([
      { event_id: 1, amount: 1 },
      { event_id: 2, amount: 2 },
      { event_id: 3, amount: 3 },
      { event_id: 4, amount: 4 },
      { event_id: 5, amount: 5 },
    ]);
  }, 60_000);

  test('unit-shop: unit tests with dict, csv and sql fixtures', async () => {
    const dir = copyFixture('unit-shop');
    usePostgresProfile(dir, server(), 'shop', { schema: 'shop' });
    const run = await tsdbt(dir, 'test', '--profiles-dir', dir);
    expect(run.stdout).toMatch(/PASS stg_orders::drops_cancelled_and_lowercases/);
    expect(run.stdout).toMatch(/PASS customer_totals::totals_per_customer/);
  }, 60_000);
});

describePostgres('tsdbt debug on PostgreSQL', (server) => {
  const debug = async (change: (profile: string) => string) => {
    const dir = writeProject({ 'dbt_project.yml': 'name: dbg\nprofile: dbg\n' });
    usePostgresProfile(dir, server(), 'dbg');
    const file = path.join(dir, 'profiles.yml');
    writeFileSync(file, change(readFileSync(file, 'utf8')));
    return tsdbt(dir, 'debug');
  };

  test('a working connection passes', async () => {
    const run = await debug((p) => p);
    expect(run.stdout).toMatch(/Connection test: \[OK connection ok\] \(PostgreSQL \d+/);
  });

  test('each failure is one line saying what is wrong', async () => {
    const refused = await debug((p) => p.replace(/port: \d+/, 'port: 1'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Connection test: [ERROR] Could not connect to PostgreSQL at 127.0.0.1:1: connection refused');
    const login = await debug((p) => p.replace(/pass: .*/, 'pass: wrong'));
    expect(login.stdout).toContain("Connection test: [ERROR] PostgreSQL refused the login of user 'postgres'");
    const missing = await debug((p) => p.replace(/dbname: .*/, 'dbname: no_such_db'));
    expect(missing.stdout).toContain("Connection test: [ERROR] PostgreSQL database 'no_such_db' does not exist");
  });
});
