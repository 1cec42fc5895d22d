import { expectRun, project, rows } from './helpers';

/** Every case keeps a table `victim` that an injected statement would drop. */
const VICTIM = { 'seeds/victim.csv': 'id\n1\n' };

async function victimSurvives(dir: string): Promise<void> {
  expect(await rows(dir, 'select count(*)::int as n from main.victim')).toEqual([{ n: 1 }]);
}

describe('one node, one statement', () => {
  test('a model holding two statements is refused, naming the model and its file; nothing of it runs', async () => {
    const dir = project({ ...VICTIM, 'models/m.sql': 'select 1 as id;\ndrop table main.victim' });
    await expectRun(dir, 0, 'seed');
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toMatch(/models\/m\.sql: model 'm' holds 2 SQL statements/);
    await victimSurvives(dir);
  });

  test('a --vars value closing its quote cannot add a statement', async () => {
    const dir = project({ ...VICTIM, 'models/m.sql': `select '{{ var("who", "nobody") }}' as who` });
    await expectRun(dir, 0, 'seed');
    const run = await expectRun(dir, 1, 'run', '--vars', `{who: "x'; drop table main.victim; select '"}`);
    expect(run.stdout).toMatch(/model 'm' holds 3 SQL statements/);
    await victimSurvives(dir);
  });

  test('a trailing semicolon and comments are still one statement', async () => {
    const dir = project({ 'models/m.sql': '-- the answer\nselect 42 as answer; \n' });
    await expectRun(dir, 0, 'run');
  });

  test('an empty or comment-only model says it is empty', async () => {
    const dir = project({ 'models/empty.sql': '', 'models/comments.sql': "{{ config(materialized='table') }}\n-- nothing yet\n/* later */\n" });
    const run = await expectRun(dir, 1, 'run');
    expect(run.stdout).toMatch(/models\/empty\.sql: model 'empty' is empty/);
    expect(run.stdout).toMatch(/models\/comments\.sql: model 'comments' is empty/);
    expect(run.stdout).not.toMatch(/Parser Error/);
  });

  test('hooks may hold several statements', async () => {
    const dir = project({
      'models/m.sql': "{{ config(post_hook='create table main.h1 as select 1 as x; create table main.h2 as select 2 as x') }}\nselect 1 as id",
    });
    await expectRun(dir, 0, 'run');
    expect(await rows(dir, 'select (select x from main.h1) + (select x from main.h2) as n')).toEqual([{ n: 3 }]);
  });
});

describe('values put into SQL are literals', () => {
  test('an accepted_values value with quotes is a value, not SQL', async () => {
    const dir = project({
      ...VICTIM,
      'models/m.sql': "select 'a' as v union all select 'it''s' as v",
      'models/schema.yml': `version: 2\nmodels:\n  - name: m\n    columns:\n      - name: v\n        tests:\n          - accepted_values:\n              values: ['a', "it's", "x')) t; drop table main.victim; select (('"]\n`,
    });
    await expectRun(dir, 0, 'build');
    await victimSurvives(dir);
  });

  test('a relationships field holding a statement is refused', async () => {
    const dir = project({
      ...VICTIM,
      'models/m.sql': 'select 1 as id',
      'models/schema.yml': `version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n        tests:\n          - relationships:\n              to: ref('victim')\n              field: "1 as to_field) select 1 as from_field where false; drop table main.victim; with parent as (select 1"\n`,
    });
    const run = await expectRun(dir, 1, 'build');
    expect(run.stdout).toMatch(/holds 3 SQL statements/);
    await victimSurvives(dir);
  });

  test('a seed header that is not a plain name is refused under quote_columns: false, and kept as is otherwise', async () => {
    const header = '"id"" from (select 1) x; drop table main.victim; select 1 as ""y"';
    const dir = project({ ...VICTIM, 'seeds/bad.csv': `${header}\n1\n` }, 'seeds:\n  p:\n    bad:\n      +quote_columns: false\n');
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toMatch(/seeds\/bad\.csv:1: column 'id" from \(select 1\) x; drop table main\.victim; select 1 as "y' is not a plain SQL name/);
    await victimSurvives(dir);
    const quoted = project({ ...VICTIM, 'seeds/bad.csv': `${header}\n1\n` });
    await expectRun(quoted, 0, 'seed');
    await victimSurvives(quoted);
  });
});
