import { FixtureProject, expectSuccess } from './fixture-run';

describe('compat-sources: database/schema/identifier, loaded_at_field, meta, meta.external_location', () => {
  const project = new FixtureProject('compat-sources');
  const db = 'lake.duckdb';
  let manifest: { sources: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    // Seeds first: the source reads a seed's table, a link dbt's DAG does not know either. DuckDB resolves the
    // relative read_csv path against the working folder, which for dbt is the project folder.
    const previous = process.cwd();
    process.chdir(project.dir);
    try {
      expectSuccess(await project.run('seed'));
      expectSuccess(await project.run('build'));
    } finally {
      process.chdir(previous);
    }
    manifest = JSON.parse(project.read('target/manifest.json'));
  });

  test('a source with identifier and schema, and a read_csv source formatted with {name}, feed the model', async () => {
    const rows = await project.query(db, 'select page, views::integer as views, order_count::integer as orders from main.page_views order by page');
    expect(rows).toEqual([
      { page: '/home', views: 2, orders: 2 },
      { page: '/pricing', views: 1, orders: 2 },
    ]);
    const compiled = project.read('target/compiled/compat_sources/models/page_views.sql');
    expect(compiled).toContain(`read_csv('data/visits.csv', header = true)`);
    expect(compiled).toContain('"lake"."main_landing"."orders_2024"');
  });

  test('source properties reach the manifest: loaded_at_field and meta inherited from the source', () => {
    const orders = manifest.sources['source.compat_sources.shop.orders'];
    expect(orders).toMatchObject({ database: 'lake', schema: 'main_landing', identifier: 'orders_2024', loaded_at_field: 'loaded_at' });
    expect(orders.meta).toMatchObject({ contains_pii: false });
  });
});
