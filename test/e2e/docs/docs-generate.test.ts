import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

function project(): string {
  return writeProject({
    'project.yml': [
      'name: shop',
      'models:',
      '  shop:',
      '    +materialized: view',
      '    dim_users:',
      '      +materialized: table',
      '      +persist_docs: {relation: true, columns: true}',
      '',
    ].join('\n'),
    'seeds/raw_users.csv': 'id,name\n1,ann\n2,bob\n3,cy\n',
    'models/docs.md': '{% docs users_doc %}\nOne row per **user**.\n{% enddocs %}\n',
    'models/schema.yml': [
      'version: 2',
      'sources:',
      '  - name: raw',
      '    schema: main',
      '    tables:',
      '      - name: raw_users',
      '      - name: never_loaded',
      'models:',
      '  - name: dim_users',
      '    description: "{{ doc(\'users_doc\') }}"',
      '    columns:',
      '      - name: id',
      '        description: The key',
      '        data_tests: [unique]',
      'exposures:',
      '  - name: users_dashboard',
      '    type: dashboard',
      '    owner: {name: Ann, email: ann@example.com}',
      "    depends_on: [ref('dim_users')]",
      '',
    ].join('\n'),
    'models/stg_users.sql': "select id, name from {{ source('raw', 'raw_users') }}",
    'models/eph.sql': "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('stg_users') }}",
    'models/dim_users.sql': "select id, upper(name) as name from {{ ref('eph') }}",
  });
}

const readJson = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, 'target', file), 'utf8'));

describe('docs generate', () => {
  const dir = project();

  beforeAll(async () => {
    // The source reads the seed's table: seeds first.
    expect((await tsdbt(dir, 'seed', '-q')).code).toBe(0);
    expect((await tsdbt(dir, 'build', '-q')).code).toBe(0);
  });

  it("writes catalog.json in dbt's schema from the warehouse: columns, types, comments, row counts", async () => {
    const run = await tsdbt(dir, 'docs', 'generate');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Catalog written to ${path.join(dir, 'target', 'catalog.json')}`);
    const catalog = readJson(dir, 'catalog.json');
    expect(catalog.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/catalog/v1.json');
    expect(Object.keys(catalog.nodes).sort()).toEqual(['model.shop.dim_users', 'model.shop.stg_users', 'seed.shop.raw_users']);
    expect(Object.keys(catalog.sources)).toEqual(['source.shop.raw.raw_users']);
    const dim = catalog.nodes['model.shop.dim_users'];
    expect(dim.metadata).toEqual({ type: 'BASE TABLE', schema: 'main', name: 'dim_users', database: 'shop', comment: 'One row per **user**.', owner: null });
    expect(dim.columns).toEqual({
      id: { type: 'INTEGER', index: 1, name: 'id', comment: 'The key' },
      name: { type: 'VARCHAR', index: 2, name: 'name', comment: null },
    });
    expect(dim.stats.row_count.value).toBe(3);
    expect(catalog.nodes['model.shop.stg_users'].metadata.type).toBe('VIEW');
  });

  it('writes manifest.json with compiled SQL, and the site with its data files', () => {
    const manifest = readJson(dir, 'manifest.json');
    expect(manifest.nodes['model.shop.dim_users'].compiled_code).toContain('__dbt__cte__eph');
    expect(manifest.nodes['model.shop.dim_users'].description).toBe('One row per **user**.');
    const selectable = readJson(dir, 'tsdbt_docs.json').selectable;
    expect(selectable.map((n: { uniqueId: string }) => n.uniqueId)).toEqual(
      expect.arrayContaining(['model.shop.dim_users', 'source.shop.raw.raw_users', 'exposure.shop.users_dashboard']),
    );
    expect(manifest.parent_map['exposure.shop.users_dashboard']).toEqual(['model.shop.dim_users']);
    const html = readFileSync(path.join(dir, 'target', 'index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script type="application/json"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  });

  it('--select limits the catalog to the selected nodes', async () => {
    expect((await tsdbt(dir, 'docs', 'generate', '--select', 'dim_users')).code).toBe(0);
    const catalog = readJson(dir, 'catalog.json');
    expect(Object.keys(catalog.nodes)).toEqual(['model.shop.dim_users']);
    expect(catalog.sources).toEqual({});
  });

  it('--empty-catalog writes a catalog with no nodes; --no-compile leaves compiled SQL out', async () => {
    expect((await tsdbt(dir, 'docs', 'generate', '--empty-catalog', '--no-compile')).code).toBe(0);
    const catalog = readJson(dir, 'catalog.json');
    expect(catalog).toMatchObject({ nodes: {}, sources: {}, errors: null });
    expect(readJson(dir, 'manifest.json').nodes['model.shop.dim_users'].compiled_code).toBeUndefined();
  });

  it('--static writes static_index.html holding the manifest, the catalog and the selection data', async () => {
    expect((await tsdbt(dir, 'docs', 'generate', '--static')).code).toBe(0);
    const html = readFileSync(path.join(dir, 'target', 'static_index.html'), 'utf8');
    const embedded = (key: string) =>
      JSON.parse((new RegExp(`<script type="application/json" id="tsdbt-data-${key}">(.*?)</script>`, 's').exec(html) ?? [])[1]);
    expect(embedded('manifest').nodes['model.shop.dim_users'].name).toBe('dim_users');
    expect(Object.keys(embedded('catalog').nodes)).toContain('model.shop.dim_users');
    expect(embedded('tsdbt').selectable.length).toBeGreaterThan(3);
  });
});

describe('docs generate: column lineage and exposure charts', () => {
  const dir = writeProject({
    'project.yml': 'name: shop\nmodels:\n  shop:\n    +materialized: table\n',
    'seeds/raw_orders.csv': 'id,user_id,amount\n1,1,10\n2,1,5\n3,2,7\n',
    'models/eph_orders.sql': "{{ config(materialized='ephemeral') }}\nselect id as order_id, user_id, amount from {{ ref('raw_orders') }}",
    'models/revenue.sql': "select user_id, sum(amount) as revenue, count(*) as orders from {{ ref('eph_orders') }} group by user_id order by user_id",
    'models/catalog_peek.sql': 'select table_name from information_schema.tables',
    'models/schema.yml': [
      'version: 2',
      'exposures:',
      '  - name: revenue_board',
      '    type: dashboard',
      '    owner: {name: Ann}',
      "    depends_on: [ref('revenue')]",
      '    meta:',
      '      tsdbt_charts:',
      '        - {title: Revenue by user, kind: bar, x: user_id, y: [revenue, orders], sql: "select * from {{ ref(\'revenue\') }} order by user_id"}',
      '',
    ].join('\n'),
  });
  const docsData = () => readJson(dir, 'tsdbt_docs.json');

  it('before the build: lineage from the SQL alone, and charts that say the models are not built', async () => {
    expect((await tsdbt(dir, 'docs', 'generate')).code).toBe(0);
    const { columnLineage, charts } = docsData();
    // Through the ephemeral model's CTE to the seed; the seed's columns are unknown until it is loaded.
    expect(columnLineage['model.shop.revenue']).toEqual({
      columns: [
        { column: 'user_id', sources: [{ node: 'seed.shop.raw_orders', column: 'user_id' }], transformed: false },
        { column: 'revenue', sources: [{ node: 'seed.shop.raw_orders', column: 'amount' }], transformed: true },
        { column: 'orders', sources: [], transformed: true },
      ],
    });
    expect(columnLineage['model.shop.catalog_peek']).toEqual({
      unavailable: 'it reads information_schema.tables, which is no model, seed, snapshot or source of the project',
    });
    expect(charts['exposure.shop.revenue_board']).toEqual([
      expect.objectContaining({ title: 'Revenue by user', error: 'not built yet: revenue (run `tsdbt build`, then `tsdbt docs generate`)' }),
    ]);
  });

  it('after the build: column names from the catalog, and the charts hold the query results', async () => {
    expect((await tsdbt(dir, 'build', '-q')).code).toBe(0);
    expect((await tsdbt(dir, 'docs', 'generate')).code).toBe(0);
    const { columnLineage, charts } = docsData();
    expect(columnLineage['model.shop.revenue'].columns.map((c: { column: string }) => c.column)).toEqual(['user_id', 'revenue', 'orders']);
    expect(charts['exposure.shop.revenue_board']).toEqual([
      expect.objectContaining({
        title: 'Revenue by user',
        kind: 'bar',
        labels: ['1', '2'],
        series: [
          [15, 7],
          [2, 1],
        ],
      }),
    ]);
  });
});

describe('docs serve', () => {
  it('says when the port is taken, and how to pick another', async () => {
    const dir = writeProject({ 'project.yml': 'name: busy\n', 'target/index.html': '<!doctype html>' });
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const run = await tsdbt(dir, 'docs', 'serve', '--no-browser', '--port', port);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(run.stderr).toContain('--port');
    } finally {
      taken.close();
    }
  });

  it('refuses to start before docs generate, saying what to run', async () => {
    const dir = writeProject({ 'project.yml': 'name: empty\n' });
    const run = await tsdbt(dir, 'docs', 'serve', '--no-browser');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no docs site in');
    expect(run.stderr).toContain('tsdbt docs generate');
    expect(existsSync(path.join(dir, 'target', 'index.html'))).toBe(false);
  });
});
