import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project, resultsByName, rows } from './helpers';

/** The UTC day `offset` days from today, `YYYY-MM-DD`: batches run up to now, so the events must be recent. */
function day(offset: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const D0 = day(-3);
const D1 = day(-2);
const D2 = day(-1);
const D3 = day(0);

function seed(amounts: number[], extra = ''): string {
  return `event_id,occurred_at,amount\n${[D0, D1, D2, D3].map((d, i) => `${i + 1},${d} 10:00:00,${amounts[i]}`).join('\n')}\n${extra}`;
}

const STG = `{{ config(event_time='occurred_at') }}\nselect * from {{ ref('events') }}\n`;
const DAILY = `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='occurred_at', begin='${D0}', batch_size='day') }}
select event_id, occurred_at, amount, '{{ model.batch.id }}' as batch_id
from {{ ref('stg_events') }}
`;

const amounts = (dir: string) => rows(dir, 'select event_id, amount::integer as amount, batch_id from main.daily order by event_id');
const id = (d: string) => d.replace(/-/g, '');

describe('microbatch incremental models on DuckDB', () => {
  let dir: string;
  beforeAll(() => {
    dir = project({ 'seeds/events.csv': seed([1, 2, 3, 4]), 'models/stg_events.sql': STG, 'models/daily.sql': DAILY });
  });

  test('first build: one batch a day from begin to today, each reading only its window of the upstream model', async () => {
    const run = await expectRun(dir, 0, 'build');
    expect(run.stdout).toMatch(new RegExp(`Batch 1 of 4 START batch ${D0} of main.daily \\.+ \\[RUN\\]`));
    expect(run.stdout).toMatch(new RegExp(`Batch 4 of 4 OK created batch ${D3} of main.daily \\.+ \\[SUCCESS in`));
    expect(await amounts(dir)).toEqual([
      { event_id: 1, amount: 1, batch_id: id(D0) },
      { event_id: 2, amount: 2, batch_id: id(D1) },
      { event_id: 3, amount: 3, batch_id: id(D2) },
      { event_id: 4, amount: 4, batch_id: id(D3) },
    ]);
    const result = resultsByName(dir).daily;
    expect(result.status).toBe('success');
    expect(result.batch_results).toEqual({
      successful: [D0, D1, D2, D3].map((d, i) => [`${d}T00:00:00Z`, `${[D1, D2, D3, day(1)][i]}T00:00:00Z`]),
      failed: [],
    });
    const compiled = readFileSync(path.join(dir, 'target/compiled/p/models/daily', `daily_${D1}.sql`), 'utf8');
    expect(compiled).toContain(
      `from (select * from "p"."main"."stg_events" where occurred_at >= '${D1} 00:00:00+00:00' and occurred_at < '${D2} 00:00:00+00:00') _dbt_et_filter_subq_stg_events`,
    );
  });

  test('a later run rebuilds the current batch and `lookback` (1) before it only', async () => {
    writeFileSync(path.join(dir, 'seeds/events.csv'), seed([10, 20, 30, 40], `5,${D3} 11:00:00,50\n`));
    const run = await expectRun(dir, 0, 'build');
    expect(run.stdout).toContain(`Batch 1 of 2 START batch ${D2} of main.daily`);
    expect(await amounts(dir)).toEqual([
      { event_id: 1, amount: 1, batch_id: id(D0) },
      { event_id: 2, amount: 2, batch_id: id(D1) },
      { event_id: 3, amount: 30, batch_id: id(D2) },
      { event_id: 4, amount: 40, batch_id: id(D3) },
      { event_id: 5, amount: 50, batch_id: id(D3) },
    ]);
  });

  test('--event-time-start/-end rebuild exactly the batches of that window', async () => {
    const run = await expectRun(dir, 0, 'run', '--select', 'daily', '--event-time-start', D0, '--event-time-end', `${D0} 12:00:00`);
    expect(run.stdout).toContain(`Batch 1 of 1 START batch ${D0} of main.daily`);
    expect((await amounts(dir)).map((r) => r.amount)).toEqual([10, 2, 30, 40, 50]);
  });

  test('--full-refresh rebuilds every batch from begin', async () => {
    writeFileSync(path.join(dir, 'seeds/events.csv'), seed([100, 200, 300, 400]));
    await expectRun(dir, 0, 'seed');
    const run = await expectRun(dir, 0, 'run', '--full-refresh');
    expect(run.stdout).toContain(`Batch 4 of 4 OK created batch ${D3} of main.daily`);
    expect((await amounts(dir)).map((r) => r.amount)).toEqual([100, 200, 300, 400]);
  });

  test('a batch that fails leaves the others built: partial success, exit 1, downstream skipped', async () => {
    const failing = DAILY.replace('from {{ ref', `{% if model.batch.id == '${id(D1)}' %}from missing_table{% else %}from {{ ref`).replace(
      "ref('stg_events') }}",
      "ref('stg_events') }}{% endif %}",
    );
    const other = project({
      'seeds/events.csv': seed([1, 2, 3, 4]),
      'models/stg_events.sql': STG,
      'models/daily.sql': failing,
      'models/after.sql': "select * from {{ ref('daily') }}",
    });
    const run = await expectRun(other, 1, 'build');
    expect(run.stdout).toMatch(new RegExp(`Batch 2 of 4 ERROR creating batch ${D1} of main.daily \\.+ \\[ERROR in`));
    expect(run.stdout).toContain('missing_table');
    expect(run.stdout).toContain(`compiled SQL: target/compiled/p/models/daily/daily_${D1}.sql`);
    expect(run.stdout).toMatch(/OK created sql incremental model main\.daily \.+ \[PARTIAL SUCCESS \(3\/4\) in/);
    expect(run.stdout).toContain('Completed with 1 partial success and 0 warnings');
    expect((await amounts(other)).map((r) => r.event_id)).toEqual([1, 3, 4]);
    const results = resultsByName(other);
    expect(results.daily.status).toBe('partial success');
    expect(results.daily.batch_results).toMatchObject({ failed: [[`${D1}T00:00:00Z`, `${D2}T00:00:00Z`]] });
    expect(results.after.status).toBe('skipped');

    writeFileSync(path.join(other, 'models/daily.sql'), DAILY);
    const retry = await expectRun(other, 0, 'retry');
    expect(retry.stdout).toContain(`Batch 1 of 1 START batch ${D1} of main.daily`);
    expect((await amounts(other)).map((r) => r.event_id)).toEqual([1, 2, 3, 4]);
    expect(resultsByName(other).after.status).toBe('success');
  });

  test('when the first batch fails, the others are skipped', async () => {
    const other = project({
      'seeds/events.csv': seed([1, 2, 3, 4]),
      'models/daily.sql': DAILY.replace("{{ ref('stg_events') }}", 'missing_table'),
    });
    const run = await expectRun(other, 1, 'build');
    expect(run.stdout).toMatch(new RegExp(`Batch 2 of 4 SKIP batch ${D1} of main.daily \\.+ \\[SKIP\\]`));
    expect(resultsByName(other).daily.status).toBe('error');
    expect(existsSync(path.join(other, 'target/compiled/p/models/daily', `daily_${D1}.sql`))).toBe(false);
  });

  test('a source with an event_time is read through the batch window too; lookback 0 rebuilds the current batch only', async () => {
    const other = project({
      'seeds/events.csv': seed([1, 2, 3, 4]),
      'models/sources.yml':
        'sources:\n  - name: raw\n    schema: main\n    tables:\n      - name: events\n        config:\n          event_time: occurred_at\n',
      'models/daily.sql': DAILY.replace("{{ ref('stg_events') }}", "{{ source('raw', 'events') }}").replace("batch_size='day'", "batch_size='day', lookback=0"),
    });
    await expectRun(other, 0, 'seed');
    await expectRun(other, 0, 'run');
    expect((await amounts(other)).map((r) => r.batch_id)).toEqual([D0, D1, D2, D3].map(id));
    const run = await expectRun(other, 0, 'run');
    expect(run.stdout).toContain(`Batch 1 of 1 START batch ${D3} of main.daily`);
  });

  test('pre-hooks run with the first batch only, post-hooks with the last only', async () => {
    const hooked = DAILY.replace(
      "batch_size='day'",
      `batch_size='day', pre_hook=["create table if not exists hook_log (kind varchar)", "insert into hook_log values ('pre')"], post_hook="insert into hook_log values ('post')"`,
    );
    const other = project({ 'seeds/events.csv': seed([1, 2, 3, 4]), 'models/stg_events.sql': STG, 'models/daily.sql': hooked });
    await expectRun(other, 0, 'build');
    expect(await rows(other, 'select kind, count(*)::integer as n from hook_log group by kind order by kind')).toEqual([
      { kind: 'post', n: 1 },
      { kind: 'pre', n: 1 },
    ]);
  });

  test('a missing required config fails the model with dbt’s message and its file', async () => {
    const other = project({ 'models/daily.sql': DAILY.replace(`begin='${D0}', `, '').replace("{{ ref('stg_events') }}", '(select 1 as event_id)') });
    const run = await expectRun(other, 1, 'run');
    expect(run.stdout).toContain(
      "models/daily.sql:1: Microbatch model 'daily' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from.",
    );
  });
});
