import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project, rows } from './helpers';

const incremental = (config: string, body: string) => `{{ config(materialized='incremental', ${config}) }}\n${body}`;

describe('view, table and ephemeral models', () => {
  test('default view, table, nested ephemerals as CTEs; schema and alias create schemas on demand', async () => {
    const dir = project({
      'models/base.sql': 'select 1 as id, 10 as amount union all select 2, 20',
      'models/eph_a.sql': "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('base') }} where id >= 1",
      'models/eph_b.sql': "{{ config(materialized='ephemeral') }}\nwith x as (select * from {{ ref('eph_a') }}) select id, amount * 2 as doubled from x",
      'models/summary.sql': "{{ config(materialized='table', schema='marts', alias='totals') }}\nselect sum(doubled) as total from {{ ref('eph_b') }}",
    });
    await expectRun(dir, 0, 'run');
    const kinds = await rows(dir, "select table_schema, table_name, table_type from information_schema.tables where table_catalog = 'p' order by 2");
    expect(kinds).toEqual([
      { table_schema: 'main', table_name: 'base', table_type: 'VIEW' },
      { table_schema: 'main_marts', table_name: 'totals', table_type: 'BASE TABLE' },
    ]);
    expect(await rows(dir, 'select total from main_marts.totals')).toEqual([{ total: 60 }]);
  });

  test('a view that becomes a table and back', async () => {
    const dir = project({ 'models/m.sql': "{{ config(materialized='view') }}\nselect 1 as x" });
    const typeOf = async () => (await rows(dir, "select table_type from information_schema.tables where table_name = 'm'"))[0].table_type;
    await expectRun(dir, 0, 'run');
    expect(await typeOf()).toBe('VIEW');
    writeFileSync(path.join(dir, 'models/m.sql'), "{{ config(materialized='table') }}\nselect 2 as x");
    await expectRun(dir, 0, 'run');
    expect(await typeOf()).toBe('BASE TABLE');
    expect(await rows(dir, 'select x from m')).toEqual([{ x: 2 }]);
    writeFileSync(path.join(dir, 'models/m.sql'), "{{ config(materialized='view') }}\nselect 3 as x");
    await expectRun(dir, 0, 'run');
    expect(await typeOf()).toBe('VIEW');
    expect(await rows(dir, 'select x from m')).toEqual([{ x: 3 }]);
  });

  test('a table that fails to rebuild keeps its previous rows', async () => {
    const dir = project({ 'models/t.sql': "{{ config(materialized='table') }}\nselect 1 as x union all select 2" });
    await expectRun(dir, 0, 'run');
    writeFileSync(path.join(dir, 'models/t.sql'), "{{ config(materialized='table') }}\nselect 1 as x union all select nope_column");
    await expectRun(dir, 1, 'run');
    expect(await rows(dir, 'select x from t order by x')).toEqual([{ x: 1 }, { x: 2 }]);
    expect(await rows(dir, "select table_name from information_schema.tables where table_name like '%dbt_tmp%'")).toEqual([]);
  });

  test('a view that fails to become a table keeps the view', async () => {
    const dir = project({ 'models/v.sql': 'select 5 as x' });
    await expectRun(dir, 0, 'run');
    writeFileSync(path.join(dir, 'models/v.sql'), "{{ config(materialized='table') }}\nselect cast('a' as integer) as x");
    await expectRun(dir, 1, 'run');
    expect(await rows(dir, 'select x from v')).toEqual([{ x: 5 }]);
  });
});

describe('incremental models', () => {
  async function twoRuns(config: string, first: string, second: string, extraArgs: string[] = []) {
    const dir = project({
      'models/src.sql': `{{ config(materialized='table') }}\n${first}`,
      'models/inc.sql': incremental(config, "select * from {{ ref('src') }}{% if is_incremental() %} where id >= (select min(id) from {{ this }}){% endif %}"),
    });
    await expectRun(dir, 0, 'run');
    writeFileSync(path.join(dir, 'models/src.sql'), `{{ config(materialized='table') }}\n${second}`);
    await expectRun(dir, 0, 'run', ...extraArgs);
    return dir;
  }

  test('append adds the new rows', async () => {
    const dir = await twoRuns("incremental_strategy='append'", "select 1 as id, 'a' as v", "select 2 as id, 'b' as v");
    expect(await rows(dir, 'select id, v from inc order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
  });

  test('delete+insert with one unique_key replaces matching rows', async () => {
    const dir = await twoRuns("unique_key='id'", "select 1 as id, 'a' as v union all select 2, 'b'", "select 2 as id, 'B' as v union all select 3, 'c'");
    expect(await rows(dir, 'select id, v from inc order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'B' },
      { id: 3, v: 'c' },
    ]);
  });

  test('delete+insert with several unique_key columns', async () => {
    const dir = await twoRuns(
      "unique_key=['id', 'day'], incremental_strategy='delete+insert'",
      "select 1 as id, 1 as day, 'a' as v union all select 1, 2, 'b'",
      "select 1 as id, 2 as day, 'B' as v union all select 2, 1, 'c'",
    );
    expect(await rows(dir, 'select id, day, v from inc order by id, day')).toEqual([
      { id: 1, day: 1, v: 'a' },
      { id: 1, day: 2, v: 'B' },
      { id: 2, day: 1, v: 'c' },
    ]);
  });

  test('merge updates matching rows and inserts new ones', async () => {
    const dir = await twoRuns(
      "unique_key='id', incremental_strategy='merge'",
      "select 1 as id, 'a' as v union all select 2, 'b'",
      "select 2 as id, 'B' as v union all select 3, 'c'",
    );
    expect(await rows(dir, 'select id, v from inc order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'B' },
      { id: 3, v: 'c' },
    ]);
  });

  test('is_incremental() is false on the first run and true afterwards; --full-refresh rebuilds', async () => {
    const dir = project({
      'models/inc.sql': incremental("incremental_strategy='append'", "select {% if is_incremental() %}'incremental'{% else %}'full'{% endif %} as mode"),
    });
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select mode from inc order by mode')).toEqual([{ mode: 'full' }, { mode: 'incremental' }]);
    await expectRun(dir, 0, 'run', '--full-refresh');
    expect(await rows(dir, 'select mode from inc')).toEqual([{ mode: 'full' }]);
  });

  describe('on_schema_change', () => {
    const firstSql = "select 1 as id, 'a' as old_col";
    const secondSql = "select 2 as id, 'n' as new_col";
    async function schemaChange(policy: string, expectedCode: number) {
      const dir = project({ 'models/inc.sql': incremental(`incremental_strategy='append', on_schema_change='${policy}'`, firstSql) });
      await expectRun(dir, 0, 'run');
      writeFileSync(path.join(dir, 'models/inc.sql'), incremental(`incremental_strategy='append', on_schema_change='${policy}'`, secondSql));
      const run = await expectRun(dir, expectedCode, 'run');
      return { dir, run };
    }

    test('ignore keeps the table columns and inserts the shared ones', async () => {
      const { dir } = await schemaChange('ignore', 0);
      expect(await rows(dir, 'select * from inc order by id')).toEqual([
        { id: 1, old_col: 'a' },
        { id: 2, old_col: null },
      ]);
    });

    test('fail stops the model with a message naming the columns', async () => {
      const { dir, run } = await schemaChange('fail', 1);
      expect(run.stdout).toMatch(/added: new_col; removed: old_col/);
      expect(await rows(dir, 'select * from inc')).toEqual([{ id: 1, old_col: 'a' }]);
    });

    test('append_new_columns adds new columns and keeps old ones', async () => {
      const { dir } = await schemaChange('append_new_columns', 0);
      expect(await rows(dir, 'select * from inc order by id')).toEqual([
        { id: 1, old_col: 'a', new_col: null },
        { id: 2, old_col: null, new_col: 'n' },
      ]);
    });

    test('sync_all_columns adds new columns and drops removed ones', async () => {
      const { dir } = await schemaChange('sync_all_columns', 0);
      expect(await rows(dir, 'select * from inc order by id')).toEqual([
        { id: 1, new_col: null },
        { id: 2, new_col: 'n' },
      ]);
    });
  });

  test('a failing incremental run leaves the table as it was and no temp table behind', async () => {
    const dir = project({ 'models/inc.sql': incremental("unique_key='id'", 'select 1 as id') });
    await expectRun(dir, 0, 'run');
    writeFileSync(path.join(dir, 'models/inc.sql'), incremental("unique_key='id'", "select cast('x' as integer) as id"));
    await expectRun(dir, 1, 'run');
    expect(await rows(dir, 'select id from inc')).toEqual([{ id: 1 }]);
  });

  test("an error in an incremental run's new rows names the line of the compiled file", async () => {
    const body = 'select 1 as id\n{% if is_incremental() %}\n  , no_such_column as x\n{% endif %}';
    const dir = project({ 'models/inc.sql': incremental("unique_key='id'", body) });
    await expectRun(dir, 0, 'run');
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toMatch(/no_such_column/);
    // Line 1 of the compiled file is the config call, rendered empty.
    expect(run.stdout).toMatch(/line 4 of the compiled SQL/);
    expect(await rows(dir, "select count(*)::int as n from information_schema.tables where table_name like 'inc%'")).toEqual([{ n: 1 }]);
  });
});

describe('hooks', () => {
  test('pre-hook and post-hook render {{ this }} and run with the model', async () => {
    const dir = project({
      'models/log.sql': "{{ config(materialized='table') }}\nselect 'start' as event",
      'models/m.sql': [
        "{{ config(materialized='table',",
        "  pre_hook=\"insert into {{ ref('log') }} values ('pre {{ this.identifier }}')\",",
        "  post_hook=[\"insert into {{ ref('log') }} select 'post ' || count(*) from {{ this }}\"]) }}",
        'select 1 as x union all select 2',
      ].join('\n'),
    });
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select event from log order by event')).toEqual([{ event: 'post 2' }, { event: 'pre m' }, { event: 'start' }]);
  });

  test('hooks from the project file render at run time', async () => {
    const dir = project(
      { 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as x" },
      'models:\n  p:\n    +post-hook: "create or replace table {{ this.schema }}.copy_of_{{ this.name }} as select * from {{ this }}"\n',
    );
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select x from copy_of_m')).toEqual([{ x: 1 }]);
  });

  test('hooks ending in a line comment run with the model', async () => {
    const dir = project({
      'models/m.sql': [
        "{{ config(materialized='table', pre_hook='create table main.pre_log (x int) -- made first',",
        "  post_hook='insert into main.pre_log select count(*) from {{ this }} -- after') }}",
        'select 1 as x',
      ].join('\n'),
    });
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select x from main.pre_log')).toEqual([{ x: 1 }]);
  });

  test('a failing post-hook rolls the model back', async () => {
    const dir = project({ 'models/m.sql': "{{ config(materialized='table', post_hook='select * from no_such_table') }}\nselect 1 as x" });
    await expectRun(dir, 1, 'run');
    expect(await rows(dir, "select count(*) as n from information_schema.tables where table_name = 'm'")).toEqual([{ n: 0 }]);
  });
});
