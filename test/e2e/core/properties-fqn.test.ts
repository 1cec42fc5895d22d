import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

/*
 * Sources and YAML-declared tests take the folders of their properties file into their fqn, as dbt does, so that
 * project-file config by folder reaches them (dbt-external-tables' integration tests switch whole folders of sources
 * on and off by warehouse this way).
 */
describe('sources and generic tests are configured by the folders of their properties file', () => {
  const dir = writeProject({
    'dbt_project.yml': [
      'name: demo',
      'profile: demo',
      'sources:',
      '  demo:',
      '    plugins:',
      '      snowflake:',
      `        +enabled: "{{ target.type == 'snowflake' }}"`,
      '      duckdb:',
      '        +tags: [on_duckdb]',
      'data_tests:',
      '  demo:',
      '    marts:',
      '      +severity: warn',
      '    plugins:',
      '      snowflake:',
      `        +enabled: "{{ target.type == 'snowflake' }}"`,
    ].join('\n'),
    'models/plugins/snowflake/external.yml': [
      'version: 2',
      'sources:',
      '  - name: stage',
      '    tables:',
      '      - name: people',
      '        columns:',
      '          - name: id',
      '            data_tests: [not_null]',
    ].join('\n'),
    'models/plugins/duckdb/local.yml': ['version: 2', 'sources:', '  - name: files', '    tables:', '      - name: people'].join('\n'),
    // The model's file is in one folder, its properties in another: the test follows its properties file.
    'models/staging/orders.sql': 'select null::int as id',
    'models/marts/orders.yml': ['version: 2', 'models:', '  - name: orders', '    columns:', '      - name: id', '        data_tests: [not_null]'].join('\n'),
  });

  test('fqn and config of each', async () => {
    const run = await tsdbt(dir, 'parse');
    expect(run.stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.sources)).toEqual(['source.demo.files.people']);
    expect(manifest.sources['source.demo.files.people']).toMatchObject({
      fqn: ['demo', 'plugins', 'duckdb', 'files', 'people'],
      config: { tags: ['on_duckdb'] },
    });
    const tests = Object.values(manifest.nodes as Record<string, { resource_type: string; fqn: string[]; config: { severity: string } }>).filter(
      (n) => n.resource_type === 'test',
    );
    expect(tests.map((t) => [t.fqn, t.config.severity])).toEqual([[['demo', 'marts', 'not_null_orders_id'], 'WARN']]);
    const build = await tsdbt(dir, 'build');
    expect(build.stdout).toMatch(/Done\. PASS=1 WARN=1 ERROR=0/);
  });
});
