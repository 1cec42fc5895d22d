import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

async function names(dir: string, ...args: string[]): Promise<string[]> {
  const run = await tsdbt(dir, 'ls', '--output', 'name', '-q', ...args);
  expect(run.code).toBe(0);
  return run.stdout.split('\n').filter(Boolean).sort();
}

describe('parse results reused across runs', () => {
  test('reused only while the template, macros, vars and environment it read are unchanged', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\n',
      'macros/upstream.sql': "{% macro upstream() %}{{ ref('a') }}{% endmacro %}\n",
      'models/a.sql': 'select 1 as id\n',
      'models/b.sql': 'select 2 as id\n',
      // Templates with tags are cached; text with literal calls only (static templates) is rendered every time.
      'models/c.sql': "{% set mat = var('mat', 'view') %}{{ config(materialized=mat) }}\nselect * from {{ upstream() }}\n",
      'models/d.sql': "{% set alias = env_var('D_ALIAS', 'd') %}{{ config(alias=alias) }}\nselect 1 as id\n",
      'models/e.sql': "{{ config(materialized=var('mat', 'view'), alias=env_var('E_ALIAS', 'e')) }}\nselect * from {{ upstream() }}\n",
    });
    expect(await names(dir, '--select', '+c')).toEqual(['a', 'c']);
    const parseCache = path.join(dir, 'target/.tsdbt/parse.json');
    // c only: d read the environment, a, b and e are static templates.
    expect(Object.keys(JSON.parse(readFileSync(parseCache, 'utf8')).entries)).toHaveLength(1);
    expect(await names(dir, '--select', '+c', '+e')).toEqual(['a', 'c', 'e']);

    // A macro change reaches templates whose text did not change.
    writeFileSync(path.join(dir, 'macros/upstream.sql'), "{% macro upstream() %}{{ ref('b') }}{% endmacro %}\n");
    expect(await names(dir, '--select', '+c', '+e')).toEqual(['b', 'c', 'e']);

    // So do --vars, and environment variables read with env_var().
    expect(await names(dir, '--select', 'config.materialized:table')).toEqual([]);
    expect(await names(dir, '--select', 'config.materialized:table', '--vars', '{mat: table}')).toEqual(['c', 'e']);
    process.env.D_ALIAS = 'd_renamed';
    process.env.E_ALIAS = 'e_renamed';
    try {
      const listed = await tsdbt(dir, 'ls', '--select', 'd', 'e', '--output', 'json', '-q');
      expect(listed.stdout.split('\n').map((line) => JSON.parse(line).alias)).toEqual(['d_renamed', 'e_renamed']);
    } finally {
      delete process.env.D_ALIAS;
      delete process.env.E_ALIAS;
    }
  });
});

describe('compiled SQL reused across runs', () => {
  test('recompiled when a parent moves or the database answers differently; reused otherwise', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\n',
      'models/a.sql': 'select 1 as id\n',
      'models/b.sql': "{% set parent = ref('a') %}select * from {{ parent }}\n",
      'models/e.sql': "select * from {{ ref('a') }}\n",
      'models/c.sql': "{% set n = run_query('select count(*) from ' ~ ref('a')) %}select {{ n[0][0] if execute else 0 }} as rows_in_a\n",
    });
    const compiled = (name: string) => readFileSync(path.join(dir, 'target/compiled/p/models', name), 'utf8');
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    expect(compiled('b.sql')).toBe('select * from "p"."main"."a"');
    expect(compiled('e.sql')).toBe('select * from "p"."main"."a"');
    expect(compiled('c.sql')).toBe('select 1 as rows_in_a');
    // b only: c queried the database, e is a static template.
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'target/.tsdbt/compile.json'), 'utf8')).entries)).toHaveLength(1);

    // The parent's alias changes in its own file: the child's SQL follows although the child's file did not change.
    writeFileSync(path.join(dir, 'models/a.sql'), "{{ config(alias='a_renamed') }}\nselect 1 as id union all select 2\n");
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    expect(compiled('b.sql')).toBe('select * from "p"."main"."a_renamed"');
    expect(compiled('e.sql')).toBe('select * from "p"."main"."a_renamed"');
    // A template that queries the database is rendered again every time.
    expect(compiled('c.sql')).toBe('select 2 as rows_in_a');
  });
});
