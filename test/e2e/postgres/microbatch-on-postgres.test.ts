import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';
import { describePostgres, queryPostgres, usePostgresProfile, type PostgresServer } from '../../helpers/postgres';

const seed = (amounts: number[]) => `event_id,occurred_at,amount\n${amounts.map((amount, i) => `${i + 1},2024-03-0${i + 1} 10:00:00,${amount}`).join('\n')}\n`;

const PROJECT: Record<string, string> = {
  'dbt_project.yml': 'name: pgbatch\nprofile: pgbatch\n',
  'seeds/events.csv': seed([1, 2, 3]),
  'models/stg_events.sql': "{{ config(event_time='occurred_at') }}\nselect * from {{ ref('events') }}\n",
  'models/daily.sql': [
    "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='occurred_at', begin='2024-03-01', batch_size='day') }}",
    "select event_id, occurred_at, amount, '{{ model.batch.id }}' as batch_id from {{ ref('stg_events') }}",
    '',
  ].join('\n'),
};

describePostgres('microbatch models on PostgreSQL', (server) => {
  let pg: PostgresServer;

  beforeAll(() => {
    pg = server();
  });

  test('batches of a window are created, then replaced by delete+insert of their window only', async () => {
    const dir = writeProject(PROJECT);
    usePostgresProfile(dir, pg, 'pgbatch');
    const window = ['--event-time-start', '2024-03-01', '--event-time-end', '2024-03-04'];
    const first = await tsdbt(dir, 'build', ...window);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Batch 3 of 3 OK created batch 2024-03-03 of analytics.daily');
    writeFileSync(path.join(dir, 'seeds/events.csv'), seed([10, 20, 30]));
    expect((await tsdbt(dir, 'seed')).code).toBe(0);
    const second = await tsdbt(dir, 'run', '--event-time-start', '2024-03-02', '--event-time-end', '2024-03-03');
    expect(second.code).toBe(0);
    const rows = await queryPostgres(pg, 'select event_id, amount::int as amount, batch_id from analytics.daily order by event_id');
    expect(rows).toEqual([
      { event_id: 1, amount: 1, batch_id: '20240301' },
      { event_id: 2, amount: 20, batch_id: '20240302' },
      { event_id: 3, amount: 3, batch_id: '20240303' },
    ]);
  }, 120_000);
});
