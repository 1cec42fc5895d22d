import { FixtureProject, expectSuccess } from './fixture-run';

describe('compat-dispatch: adapter.dispatch, dbt cross-database macros, relation introspection (no profiles.yml)', () => {
  const project = new FixtureProject('compat-dispatch');

  beforeAll(async () => {
    expectSuccess(await project.runWithoutProfile('build'));
  });

  test('duckdb__ beats default__, the dispatch: config finds a namespace, a project override beats a built-in', async () => {
    const rows = await project.query('compat_dispatch.duckdb', 'select id, greeting, shouted from main.cross_db order by id');
    expect(rows).toEqual([
      { id: 1, greeting: 'quack ada', shouted: 'ADA' },
      { id: 2, greeting: 'quack grace', shouted: 'GRACE' },
    ]);
    const [introspection] = await project.query('compat_dispatch.duckdb', 'select any_id from main.introspection');
    expect(introspection.any_id).toBe(1);
  });

  test('cross-database macros in a model give DuckDB values', async () => {
    const rows = await project.query(
      'compat_dispatch.duckdb',
      `select tag, score, next_month::varchar as next_month, days_since_new_year, month_end::varchar as month_end,
              month_start::varchar as month_start, part, name_hash = md5(name) as hash_ok, has_now
       from main.cross_db join main.base using (id) order by id`,
    );
    expect(rows[1]).toEqual({
      tag: 'grace#2',
      score: 9,
      next_month: '2024-03-29',
      days_since_new_year: 59n,
      month_end: '2024-02-29',
      month_start: '2024-02-01 00:00:00',
      part: 'b',
      hash_ok: true,
      has_now: true,
    });
  });

  test('dbt.date_spine asks DuckDB for the interval count and stops before the end date', async () => {
    const [spine] = await project.query(
      'compat_dispatch.duckdb',
      'select count(*) as days, min(date_day)::date::varchar as first, max(date_day)::date::varchar as last from main.calendar',
    );
    expect(spine).toEqual({ days: 7n, first: '2024-02-26', last: '2024-03-03' });
  });

  test('get_columns_in_relation, get_relation, load_relation and api.Relation.create', async () => {
    const [row] = await project.query('compat_dispatch.duckdb', 'select * exclude (any_id) from main.introspection');
    expect(row).toEqual({
      column_names: 'id,name,joined_on,score_text',
      column_types: 'INTEGER,VARCHAR,DATE,VARCHAR',
      found_base: true,
      missing_is_none: true,
      created_identifier: 'base',
      loaded_is_table: true,
      rows_via_loaded: 2n,
    });
  });
});
