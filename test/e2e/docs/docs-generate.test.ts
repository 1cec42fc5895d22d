import { existsSync, readFileSync } from 'node:fs';
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
    expect(selectable.map((n: { uniqueId: string }) => n.uniqueId)).toEqual(expect.arrayContaining(['model.shop.dim_users', 'source.shop.raw.raw_users']));
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

describe('docs serve', () => {
  it('refuses to start before docs generate, saying what to run', async () => {
    const dir = writeProject({ 'project.yml': 'name: empty\n' });
    const run = await tsdbt(dir, 'docs', 'serve', '--no-browser');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no docs site in');
    expect(run.stderr).toContain('tsdbt docs generate');
    expect(existsSync(path.join(dir, 'target', 'index.html'))).toBe(false);
  });
});
