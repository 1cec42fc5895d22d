import { FixtureProject, expectSuccess } from './fixture-run';

interface ManifestNode {
  description: string;
  alias: string;
  schema: string;
  tags: string[];
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  columns: Record<string, { description: string }>;
}

describe('compat-docs-config: docs blocks, project-file configs, Jinja in dbt_project.yml and profiles.yml', () => {
  const project = new FixtureProject('compat-docs-config');
  const db = 'docs_warehouse.duckdb';
  let manifest: { nodes: Record<string, ManifestNode>; docs: Record<string, { block_contents: string }>; disabled?: Record<string, unknown> };

  beforeAll(async () => {
    expectSuccess(await project.run('build'));
    manifest = JSON.parse(project.read('target/manifest.json'));
  });

  const customers = () => manifest.nodes['model.compat_docs.dim_customers'];

  test('+schema, +alias and materialized without + place the relations', async () => {
    const relations = await project.query(
      db,
      "select schema_name || '.' || table_name as name, 'table' as kind from duckdb_tables() union all select schema_name || '.' || view_name, 'view' from duckdb_views() where not internal order by 1",
    );
    expect(relations).toEqual(
      expect.arrayContaining([
        { name: 'main.customers', kind: 'table' },
        { name: 'main_staging.stg_customers', kind: 'view' },
      ]),
    );
  });

  test('+tags, +meta, +full_refresh, +docs and +persist_docs reach the node config, merged with YAML config:', () => {
    const node = customers();
    expect(node.alias).toBe('customers');
    expect(node.tags).toEqual(['nightly', 'finance']);
    expect(node.config).toMatchObject({
      full_refresh: false,
      docs: { show: false },
      persist_docs: { relation: true, columns: true },
      meta: { owner: 'data-team', tier: 'gold' },
    });
  });

  test('docs blocks, including __overview__, are in the manifest', () => {
    expect(Object.keys(manifest.docs)).toEqual(expect.arrayContaining(['doc.compat_docs.__overview__', 'doc.compat_docs.customer_id']));
  });

  test("{{ doc('x') }} in YAML descriptions is rendered", () => {
    expect(customers().columns.customer_id.description).toBe('The customer key, unique across every shop.');
    expect(customers().description).toBe('One row per customer. The customer key, unique across every shop.');
  });

  test("+enabled: \"{{ var('build_archive', true) }}\" sees the project's vars: and disables the folder", async () => {
    const archived = await project.query(db, "select count(*) as n from duckdb_views() where view_name = 'old_customers'");
    expect(archived[0].n).toBe(0n);
  });

  test('+enabled from Jinja follows --vars', async () => {
    const listed = await project.run('ls', '--vars', '{build_archive: false}');
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain('old_customers');
    expect(listed.stdout).toContain('dim_customers');
  });

  test('persist_docs writes the descriptions as DuckDB comments', async () => {
    const [column] = await project.query(db, "select comment from duckdb_columns() where table_name = 'customers' and column_name = 'customer_name'");
    expect(column.comment).toBe('Upper-cased name.');
    // A documented column the relation does not have is left out, as dbt's adapters do, rather than failing the model.
    expect(customers().columns.lifetime_value.description).toBe('Only on some warehouses.');
  });
});
