import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

/** A root project `root` with an installed package `pkg` in dbt_packages/. */
function withPackage(files: Record<string, string>, rootYml = '', pkgYml = ''): string {
  return writeProject({
    'dbt_project.yml': `name: root\nprofile: root\n${rootYml}`,
    'dbt_packages/pkg/dbt_project.yml': `name: pkg\n${pkgYml}`,
    ...files,
  });
}

/** The compiled SQL of a model, wherever under target/compiled its package's files are written. */
function compiled(dir: string, model: string): string {
  const root = path.join(dir, 'target', 'compiled');
  const file = (readdirSync(root, { recursive: true }) as string[]).find((f) => path.basename(f) === `${model}.sql`);
  return readFileSync(path.join(root, file!), 'utf8').trim();
}

describe('dbt semantics for installed packages', () => {
  test("vars: the root's block for a package scopes to that package's nodes, over the package's own vars", async () => {
    const dir = withPackage(
      {
        'dbt_packages/pkg/models/pkg_model.sql': "select '{{ var('greeting') }}' as greeting, '{{ var('level') }}' as level, '{{ var('pkg_only') }}' as own",
        'models/root_model.sql': "select '{{ var('level') }}' as level, '{{ var('pkg_only') }}' as from_package, '{{ var('greeting', 'none') }}' as greeting",
      },
      'vars:\n  level: root-global\n  pkg:\n    greeting: root-scoped\n',
      'vars:\n  greeting: pkg-global\n  level: pkg-level\n  pkg_only: pkg-default\n',
    );
    const run = await tsdbt(dir, 'compile');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'pkg_model')).toBe("select 'root-scoped' as greeting, 'root-global' as level, 'pkg-default' as own");
    // A package's vars are seen by macros called from root models too (dbt_date's `dbt_date:time_zone`).
    expect(compiled(dir, 'root_model')).toBe("select 'root-global' as level, 'pkg-default' as from_package, 'pkg-global' as greeting");
    const cli = await tsdbt(dir, 'compile', '--vars', '{greeting: cli}');
    expect(cli.code).toBe(0);
    expect(compiled(dir, 'pkg_model')).toMatch(/^select 'cli' as greeting/);
  });

  test("on-run-start and on-run-end of installed packages run before the root project's", async () => {
    const dir = withPackage(
      { 'models/m.sql': 'select 1 as id' },
      'on-run-start:\n  - "insert into main.audit values (\'root-start\')"\non-run-end:\n  - "insert into main.audit values (\'root-end\')"\n',
      'on-run-start:\n  - "create table if not exists main.audit (event varchar)"\n  - "insert into main.audit values (\'{{ project_name }}-start\')"\non-run-end:\n  - "insert into main.audit values (\'pkg-end\')"\n',
    );
    const run = await tsdbt(dir, 'run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 of 3 START hook: pkg\.on-run-start\.0/);
    expect(run.stdout).toMatch(/3 of 3 START hook: root\.on-run-start\.0/);
    const audit = await tsdbt(dir, 'show', '--inline', "select string_agg(event, ',' order by rowid) as events from main.audit", '--output', 'csv', '-q');
    // project_name is the root project's, also in a package's hook.
    expect(audit.stdout).toBe('events\n"root-start,root-start,pkg-end,root-end"');
  });

  test('graph.nodes and graph.sources entries have the keys of manifest.json nodes and sources', async () => {
    const dir = withPackage({
      'models/m.sql':
        "select 1 as id -- {% if execute %}{{ graph.nodes['model.root.m'].keys() | sort | join(',') }}|{{ graph.sources['source.root.raw.events'].keys() | sort | join(',') }}|{{ graph.sources['source.root.raw.events'].external.location }}|{{ graph.nodes['model.root.m'].config.contract.enforced }}{% endif %}",
      'models/sources.yml':
        'version: 2\nsources:\n  - name: raw\n    loader: fivetran\n    tables:\n      - name: events\n        external:\n          location: s3://bucket/events\n',
    });
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    const [nodeKeys, sourceKeys, location, enforced] = compiled(dir, 'm').split(' -- ')[1].split('|');
    expect(nodeKeys.split(',')).toEqual(Object.keys(manifest.nodes['model.root.m']).sort());
    expect(sourceKeys.split(',')).toEqual(Object.keys(manifest.sources['source.root.raw.events']).sort());
    expect(location).toBe('s3://bucket/events');
    expect(enforced).toBe('False');
    expect(manifest.sources['source.root.raw.events'].loader).toBe('fivetran');
  });

  test('sources declared in a package belong to that package: unique_id, package_name, fqn, config, graph.sources', async () => {
    const dir = withPackage(
      {
        'dbt_packages/pkg/models/sources.yml': [
          'version: 2',
          'sources:',
          '  - name: pkg_raw',
          '    schema: main',
          '    tables:',
          '      - name: events',
          '        columns:',
          '          - name: id',
          '            data_tests: [not_null]',
          '      - name: other',
          // Rendered with the package's vars, as dbt renders a package's properties: the root's block for the package counts.
          `      - name: renamed`,
          `        identifier: "{{ var('renamed_identifier', 'renamed') }}"`,
        ].join('\n'),
        'dbt_packages/pkg/models/pkg_model.sql': "select * from {{ source('pkg_raw', 'events') }}",
        'models/m.sql':
          "select * from {{ source('pkg_raw', 'events') }} -- {% if execute %}{{ graph.sources['source.pkg.pkg_raw.events'].package_name }}{% endif %}",
      },
      'sources:\n  pkg:\n    pkg_raw:\n      other:\n        +enabled: false\nvars:\n  pkg:\n    renamed_identifier: renamed_data\n',
    );
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.sources)).toEqual(['source.pkg.pkg_raw.events', 'source.pkg.pkg_raw.renamed']);
    expect(manifest.sources['source.pkg.pkg_raw.renamed'].identifier).toBe('renamed_data');
    const source = manifest.sources['source.pkg.pkg_raw.events'];
    expect(source.package_name).toBe('pkg');
    expect(source.fqn).toEqual(['pkg', 'pkg_raw', 'events']);
    expect(manifest.nodes['model.root.m'].depends_on.nodes).toEqual(['source.pkg.pkg_raw.events']);
    expect(manifest.nodes['model.pkg.pkg_model'].depends_on.nodes).toEqual(['source.pkg.pkg_raw.events']);
    const test = Object.values(manifest.nodes as Record<string, { resource_type: string; depends_on: { nodes: string[] } }>).find(
      (n) => n.resource_type === 'test',
    );
    expect(test?.depends_on.nodes).toEqual(['source.pkg.pkg_raw.events']);
    expect((await tsdbt(dir, 'compile', '-s', 'm')).code).toBe(0);
    expect(compiled(dir, 'm')).toMatch(/ -- pkg$/);
  });

  test('graph.exposures and graph.groups hold what manifest.json has, each in the package that declares it', async () => {
    const dir = withPackage({
      'models/m.sql': "{{ config(group='finance') }}select 1 as id",
      'models/report.sql':
        "select 1 as id -- {% if execute %}{{ graph.keys() | sort | join(',') }}|{{ graph.exposures.values() | map(attribute='unique_id') | sort | join(',') }}|{{ graph.exposures['exposure.root.dash'].owner.name }}|{{ graph.exposures['exposure.root.dash'].depends_on.nodes | join(',') }}|{{ graph.groups['group.root.finance'].owner.email }}{% endif %}",
      'models/exposures.yml': [
        'version: 2',
        'groups:',
        '  - name: finance',
        '    owner:',
        '      email: fin@example.com',
        '  - name: ops',
        '    owner:',
        '      name: Ops',
        'exposures:',
        '  - name: dash',
        '    type: dashboard',
        '    maturity: high',
        '    owner:',
        '      name: Ana',
        '    depends_on:',
        "      - ref('m')",
        '      - ref("m")',
      ].join('\n'),
      'dbt_packages/pkg/models/exposures.yml': 'version: 2\nexposures:\n  - name: pkg_app\n    type: application\n    owner:\n      name: Bo\n',
    });
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect((await tsdbt(dir, 'compile', '-s', 'report')).code).toBe(0);
    const [keys, ids, owner, parents, groupEmail] = compiled(dir, 'report').split(' -- ')[1].split('|');
    expect(keys).toBe('exposures,groups,metrics,nodes,saved_queries,semantic_models,sources');
    expect(ids).toBe('exposure.pkg.pkg_app,exposure.root.dash');
    expect(owner).toBe('Ana');
    expect(parents).toBe('model.root.m');
    expect(groupEmail).toBe('fin@example.com');
    expect(manifest.exposures['exposure.root.dash'].maturity).toBe('high');
    expect(manifest.exposures['exposure.root.dash'].refs).toEqual([
      { name: 'm', package: null, version: null },
      { name: 'm', package: null, version: null },
    ]);
    expect(manifest.exposures['exposure.pkg.pkg_app'].package_name).toBe('pkg');
    expect(manifest.group_map).toEqual({ finance: ['model.root.m'], ops: [] });
    expect(manifest.groups['group.root.finance']).toMatchObject({
      name: 'finance',
      resource_type: 'group',
      package_name: 'root',
      owner: { email: 'fin@example.com', name: null },
    });
  });

  test('Jinja in properties YAML: config and meta rendered, descriptions and test arguments left for later', async () => {
    const dir = withPackage(
      {
        'models/m.sql': 'select 1 as id',
        'models/props.yml': [
          'version: 2',
          'models:',
          '  - name: m',
          '    description: "{{ doc(\'missing\') if false }} kept as written"',
          '    config:',
          "      materialized: \"{{ 'table' if target.name == 'dev' else 'view' }}\"",
          '      meta:',
          '        owner: "{{ var(\'owner\') }}"',
          '    columns:',
          '      - name: id',
          '        data_tests:',
          '          - accepted_values:',
          '              values: ["{{ 1 }}"]',
          '',
        ].join('\n'),
      },
      'vars:\n  owner: data-team\n',
    );
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    const node = manifest.nodes['model.root.m'];
    expect(node.config.materialized).toBe('table');
    expect(node.config.meta.owner).toBe('data-team');
  });

  test("Jinja in a test's configs is rendered at parse time, as dbt's test builder does; its arguments are not", async () => {
    const dir = withPackage(
      {
        'models/m.sql': 'select 1 as id',
        'models/props.yml': [
          'version: 2',
          'models:',
          '  - name: m',
          '    columns:',
          '      - name: id',
          '        data_tests:',
          '          - not_null:',
          '              config:',
          '                enabled: "{{ not var(\'skip_not_null\') }}"',
          '          - unique:',
          "              severity: \"{{ 'warn' if target.name == 'dev' else 'error' }}\"",
          '              where: "{{ \'id > 0\' }}"',
          '          - name: flat_form',
          '            test_name: accepted_values',
          '            values: ["{{ 1 }}"]',
          '            config:',
          '              severity: "{{ \'warn\' }}"',
          '',
        ].join('\n'),
      },
      'vars:\n  skip_not_null: true\n',
    );
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    const tests = Object.values(
      manifest.nodes as Record<string, { name: string; config: Record<string, unknown>; test_metadata: { kwargs: Record<string, unknown> } }>,
    );
    expect(tests.find((t) => t.name.startsWith('not_null'))).toBeUndefined();
    expect(Object.keys(manifest.disabled).some((id) => id.startsWith('test.root.not_null_m_id'))).toBe(true);
    const unique = tests.find((t) => t.name === 'unique_m_id')!;
    expect(unique.config.severity).toBe('WARN');
    expect(unique.config.where).toBe('id > 0');
    const flat = tests.find((t) => t.name === 'flat_form')!;
    expect(flat.config.severity).toBe('WARN');
    expect(flat.test_metadata.kwargs.values).toEqual(['{{ 1 }}']);
  });

  test("a package's macros named like dbt's context members (model, ref) do not replace them outside the package", async () => {
    const dir = withPackage({
      'dbt_packages/pkg/macros/names.sql': [
        '{% macro model() %}pkg model{% endmacro %}{% macro ref(name) %}pkg_ref_{{ name }}{% endmacro %}',
        // dbt compiles each macro alone: in this file's other macros, `model` is still the node.
        '{% macro node_name() %}{{ return(model.name) }}{% endmacro %}',
      ].join('\n'),
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a') }} -- {{ model.name }} {{ pkg.model() }} {{ pkg.node_name() }}",
    });
    const run = await tsdbt(dir, 'compile', '--select', 'b');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'b')).toMatch(/^select \* from "[^"]+"\."main"\."a" -- b pkg model b$/);
  });

  test("an error inside a package's macro names the package file and line, and the calling model", async () => {
    const dir = withPackage({
      'dbt_packages/pkg/macros/bad.sql': '{% macro bad() %}\n\n  {{ exceptions.raise_compiler_error("boom") }}\n{% endmacro %}\n',
      'models/m.sql': 'select\n{{ pkg.bad() }}',
    });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dbt_packages\/pkg\/macros\/bad\.sql:3: compilation error: boom \(in a macro called by models\/m\.sql:2\)/);
  });
});

describe('var() values holding Jinja', () => {
  test('are rendered in the calling node context when read, as dbt renders them', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: varjinja\nprofile: varjinja\nvars:\n  threshold: "{{ 5 if target.type not in [\'athena\'] else 4 }}"\n  plain: 7\n',
      'models/m.sql': "select {{ var('threshold') }} as t, {{ var('plain') }} as p",
    });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'target/compiled/varjinja/models/m.sql'), 'utf8').trim()).toBe('select 5 as t, 7 as p');
  });
});
