import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, tsdbt } from '../../helpers/project';
import { queryDatabase } from '../../helpers/warehouse';
import { expectRun, project, resultsByName, rows } from './helpers';

describe('custom materializations (a fixture project with a local package)', () => {
  let dir: string;
  const query = (sql: string) => queryDatabase(path.join(dir, 'matshop.duckdb'), sql);

  beforeAll(async () => {
    dir = copyFixture('custom-materializations');
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
  });

  test("the project's materialization builds the table its statement('main') creates, with hooks on both sides of its transaction", async () => {
    const run = await expectRun(dir, 0, 'run', '--exclude', 'broken', 'unreturned');
    expect(run.stdout).toMatch(/OK created sql mirror_table model main\.mirrored \.+ \[OK in/);
    expect(run.stdout).toMatch(/OK created sql stamped model main\.stamped_model/);
    expect(run.stdout).toMatch(/Finished running 1 mirror_table model, 1 table model, 1 stamped model, 1 view model/);
    expect(run.stdout).not.toContain('transaction open');
    expect(await query('select id, label from mirrored order by id')).toEqual([
      { id: 1, label: 'first' },
      { id: 2, label: 'second' },
    ]);
    expect(await query('select n from uses_mirrored')).toEqual([{ n: 2 }]);
    // The post-hooks see the relation just swapped in; persist_docs wrote the description.
    expect(await query('select step, rows_seen from hook_log')).toEqual([
      { step: 'pre inside', rows_seen: 0 },
      { step: 'post inside', rows_seen: 2 },
      { step: 'post outside', rows_seen: 2 },
    ]);
    expect(await query("select comment from duckdb_tables() where table_name = 'mirrored'")).toEqual([
      { comment: "Two rows, built by the project's own materialization." },
    ]);
    expect(await query("select column_name, comment from duckdb_columns() where table_name = 'mirrored' and comment is not null")).toEqual([
      { column_name: 'label', comment: "The row's name." },
    ]);
    const results = resultsByName(dir);
    expect(results.mirrored).toMatchObject({ status: 'success', message: 'OK', relation_name: '"matshop"."main"."mirrored"' });
    expect((results.mirrored.adapter_response as Record<string, unknown>)._message).toBe('OK');
    // As dbt, target/run holds the main statement.
    const runSql = readFileSync(path.join(dir, 'target/run/matshop/models/mirrored.sql'), 'utf8');
    expect(runSql).toMatch(/^create table "matshop"\."main"\."mirrored__dbt_tmp" as \(/);
    expect(runSql).not.toMatch(/information_schema|hook_log/);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.matshop.mirrored'].config.materialized).toBe('mirror_table');
    expect(manifest.macros['macro.mat_pkg.materialization_stamped_duckdb'].original_file_path).toBe('dbt_packages/mat_pkg/macros/stamped.sql');

    // A second run replaces the table through its backup, which it drops.
    await expectRun(dir, 0, 'run', '--select', 'mirrored');
    expect(await query("select table_name from information_schema.tables where table_name like 'mirrored%' order by 1")).toEqual([{ table_name: 'mirrored' }]);
    expect(await query("select count(*)::int as n from hook_log where step = 'post outside'")).toEqual([{ n: 2 }]);
  });

  test("a package's block for the adapter wins over its default one; its replacement of a built-in is ignored, with a warning", async () => {
    const run = await expectRun(dir, 0, 'run', '--select', 'stamped_model', 'plain_table');
    expect(await query('select answer, built_by from stamped_model')).toEqual([{ answer: 42, built_by: 'duckdb' }]);
    expect(await query('select how from plain_table')).toEqual([{ how: 'built in' }]);
    expect(run.stdout).toContain(
      "dbt_packages/mat_pkg/macros/table_override.sql:2: the materialization 'table' of package 'mat_pkg' is ignored: tsdbt builds 'table' itself, and as in dbt only the root project may replace a built-in materialization",
    );
  });

  test("a statement failing inside a materialization names the macro's file:line and the node; its transaction is rolled back", async () => {
    const run = await expectRun(dir, 1, 'run', '--select', 'broken', 'unreturned');
    expect(run.stdout).toContain(
      "macros/failing.sql:5: materialization 'failing' of model 'broken' (models/broken.sql) failed: Catalog Error: Table with name no_such_table does not exist!",
    );
    // The scratch table the materialization created before failing went with the transaction.
    expect(await query("select table_name from information_schema.tables where table_name like 'broken%'")).toEqual([]);
    expect(readFileSync(path.join(dir, 'target/run/matshop/models/broken.sql'), 'utf8')).toContain('no_such_table');
    expect(run.stdout).toContain(
      "macros/failing.sql:11: materialization 'no_return' of model 'unreturned' (models/unreturned.sql): it did not return the relations it built",
    );
    expect(resultsByName(dir).broken.status).toBe('error');
  });
});

describe('custom materializations (inline projects)', () => {
  test("the root project's block replaces a built-in model materialization", async () => {
    const dir = project({
      'macros/table.sql': [
        "{% materialization table, adapter='duckdb' %}",
        "  {% call statement('main') %}create or replace table {{ this }} as select *, 'mine' as via from ({{ sql }}){% endcall %}",
        '  {% do adapter.commit() %}',
        "  {{ return({'relations': [this]}) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/t.sql': "{{ config(materialized='table') }}\nselect 1 as x",
      'models/v.sql': 'select 2 as x',
    });
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select x, via from t')).toEqual([{ x: 1, via: 'mine' }]);
    expect(await rows(dir, 'select x from v')).toEqual([{ x: 2 }]);
  });

  test("a materialization may wrap dbt's table and view materializations", async () => {
    const dir = project({
      'macros/wrap.sql': [
        '{% materialization logged_table, default %}',
        "  {% do log('wrapping ' ~ this.identifier, info=true) %}",
        '  {{ return(materialization_table_default()) }}',
        '{% endmaterialization %}',
        '{% materialization logged_view, default %}',
        '  {{ return(dbt.materialization_view_default()) }}',
        '{% endmaterialization %}',
      ].join('\n'),
      'models/t.sql':
        "{{ config(materialized='logged_table', post_hook='create or replace table hooked as select count(*) as n from {{ this }}') }}\nselect 1 as x",
      'models/v.sql': "{{ config(materialized='logged_view') }}\nselect x + 1 as y from {{ ref('t') }}",
    });
    for (let run = 0; run < 2; run++) {
      const output = await expectRun(dir, 0, 'run');
      expect(output.stdout).toMatch(/OK created sql logged_table model main\.t/);
      expect(output.stdout).not.toContain('warn');
    }
    expect(await rows(dir, 'select y from v')).toEqual([{ y: 2 }]);
    expect(await rows(dir, 'select n::int as n from hooked')).toEqual([{ n: 1 }]);
    expect(await rows(dir, "select table_name, table_type from information_schema.tables where table_name in ('t', 'v') order by 1")).toEqual([
      { table_name: 't', table_type: 'BASE TABLE' },
      { table_name: 'v', table_type: 'VIEW' },
    ]);
    expect(await rows(dir, "select count(*)::int as n from information_schema.tables where table_name like '%dbt_%'")).toEqual([{ n: 0 }]);
  });

  test('each step runs once and in order, even the same SQL twice; log lines print once; queries see uncommitted work', async () => {
    const dir = project({
      'macros/twice.sql': [
        '{% materialization twice, default %}',
        "  {% do log('building ' ~ this.identifier ~ ' from ' ~ model.compiled_code | trim, info=true) %}",
        "  {% call statement('main') %}create table {{ this }} as {{ sql }}{% endcall %}",
        "  {% call statement('again') %}insert into {{ this }} {{ sql }}{% endcall %}",
        "  {% call statement('again') %}insert into {{ this }} {{ sql }}{% endcall %}",
        "  {% set n = run_query('select count(*) from ' ~ this)[0][0] %}",
        "  {% do log('rows so far: ' ~ n, info=true) %}",
        '  {{ adapter.commit() }}',
        "  {{ return({'relations': [this]}) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/m.sql': "{{ config(materialized='twice') }}\nselect 7 as x",
    });
    const run = await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select count(*)::int as n from m')).toEqual([{ n: 3 }]);
    expect(run.stdout.match(/building m from select 7 as x/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/rows so far: 3/);
  });

  test('a materialization that commits period by period and reports its own status through noop_statement', async () => {
    const dir = project({
      'macros/by_period.sql': [
        '{% materialization by_period, default %}',
        "  {%- set target_relation = api.Relation.create(database=database, schema=schema, identifier=model['name'], type='table') -%}",
        "  {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=model['name']) -%}",
        '  {% if old_relation is none %}',
        "    {% call statement('main') %}create table {{ target_relation }} as {{ sql | replace('__PERIOD__', 'false') }}{% endcall %}",
        '  {% else %}',
        '    {{ adapter.truncate_relation(old_relation) }}',
        '  {% endif %}',
        '  {% do adapter.commit() %}',
        "  {% for period in range(config.require('periods')) %}",
        "    {% call statement('period_' ~ period, fetch_result=True) %}insert into {{ target_relation }} {{ sql | replace('__PERIOD__', 'p = ' ~ period) }}{% endcall %}",
        '    {% do adapter.commit() %}',
        "    {{ print('period ' ~ period ~ ' done') }}",
        '  {% endfor %}',
        "  {% set total = run_query('select count(*) from ' ~ target_relation)[0][0] %}",
        "  {% call noop_statement('main', 'INSERT ' ~ total, rows_affected=total) %}-- nothing to run{% endcall %}",
        "  {{ return({'relations': [target_relation]}) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/m.sql': "{{ config(materialized='by_period', periods=3) }}\nselect p, p * 10 as v from range(3) t(p) where __PERIOD__",
    });
    for (let run = 0; run < 2; run++) {
      const output = await expectRun(dir, 0, 'run');
      expect(output.stdout).toMatch(/OK created sql by_period model main\.m \.+ \[INSERT 3 in/);
      expect(output.stdout.match(/period \d done/g)).toEqual(['period 0 done', 'period 1 done', 'period 2 done']);
      expect(await rows(dir, 'select p, v from m order by p')).toEqual([
        { p: 0, v: 0 },
        { p: 1, v: 10 },
        { p: 2, v: 20 },
      ]);
    }
    expect(resultsByName(dir).m).toMatchObject({ message: 'INSERT 3', adapter_response: { _message: 'INSERT 3', rows_affected: 3 } });
  });

  test('work a materialization leaves uncommitted is rolled back, as dbt does when it releases the connection, with a warning', async () => {
    const dir = project({
      'macros/forgetful.sql': [
        '{% materialization forgetful, default %}',
        "  {% call statement('main') %}create table {{ this }} as {{ sql }}{% endcall %}",
        "  {{ return({'relations': [this]}) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/m.sql': "{{ config(materialized='forgetful') }}\nselect 1 as x",
    });
    const run = await expectRun(dir, 0, 'run');
    expect(run.stdout).toContain(
      "macros/forgetful.sql:1: materialization 'forgetful' ended with its transaction open (model 'm' (models/m.sql)); as dbt does, it was rolled back",
    );
    expect(await rows(dir, "select count(*)::int as n from information_schema.tables where table_name = 'm'")).toEqual([{ n: 0 }]);
  });

  test('a materialization no block defines fails the node, saying how to define it', async () => {
    const dir = project({ 'models/m.sql': "{{ config(materialized='nowhere') }}\nselect 1 as x" });
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toContain("models/m.sql: no materialization 'nowhere' was found");
    expect(run.stdout).toContain('{% materialization nowhere, default %}');
  });

  test("a materialization that runs no 'main' statement fails the node, as in dbt", async () => {
    const dir = project({
      'macros/quiet.sql': [
        '{% materialization quiet, default %}',
        "  {% do run_query('select 1') %}",
        "  {{ return({'relations': []}) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/m.sql': "{{ config(materialized='quiet') }}\nselect 1 as x",
    });
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toContain("macros/quiet.sql:1: materialization 'quiet' of model 'm' (models/m.sql) ran no statement named 'main'");
  });

  test('a Jinja error in the body is reported at its line in the macro file, naming the node', async () => {
    const dir = project({
      'macros/bad.sql': [
        '{% materialization bad, default %}',
        '  {% set x = 1 %}',
        "  {{ exceptions.raise_compiler_error('cannot build ' ~ this.identifier) }}",
        '{% endmaterialization %}',
      ].join('\n'),
      'models/m.sql': "{{ config(materialized='bad') }}\nselect 1 as x",
    });
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toContain("macros/bad.sql:3: materialization 'bad' of model 'm' (models/m.sql): compilation error: cannot build m");
    writeFileSync(
      path.join(dir, 'macros/bad.sql'),
      ['{% materialization bad, default %}', '', '  {{ no_such_macro() }}', '{% endmaterialization %}'].join('\n'),
    );
    const undefinedCall = await expectRun(dir, 1, 'run');
    expect(undefinedCall.stdout).toContain("macros/bad.sql:3: materialization 'bad' of model 'm' (models/m.sql): Jinja error: Unable to call `no_such_macro`");
  });
});
