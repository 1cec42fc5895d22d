import { FixtureProject, expectSuccess } from './fixture-run';

const SECOND_LOAD = 'event_id,day,kind,amount\n1,2024-01-01,click,100\n2,2024-01-01,view,2\n3,2024-01-02,click,3\n4,2024-01-02,click,4\n5,2024-01-03,view,5\n';

describe('compat-incremental: is_incremental(), {{ this }}, unique_key with one and several columns', () => {
  const project = new FixtureProject('compat-incremental');
  const db = 'incremental.duckdb';

  beforeAll(async () => {
    expectSuccess(await project.run('build'));
    project.write('seeds/events.csv', SECOND_LOAD);
    expectSuccess(await project.run('build'));
  });

  test('a second run adds only the new rows: an old row changed in the seed keeps its first value', async () => {
    const rows = await project.query(db, 'select event_id, amount from main.events_latest order by event_id');
    expect(rows).toEqual([
      { event_id: 1, amount: 1 },
      { event_id: 2, amount: 2 },
      { event_id: 3, amount: 3 },
      { event_id: 4, amount: 4 },
      { event_id: 5, amount: 5 },
    ]);
  });

  test('a composite unique_key replaces the re-computed (day, kind) rows instead of duplicating them', async () => {
    const rows = await project.query(
      db,
      'select day::varchar as day, kind, total::integer as total, events::integer as events from main.daily_totals order by day, kind',
    );
    expect(rows).toEqual([
      { day: '2024-01-01', kind: 'click', total: 1, events: 1 },
      { day: '2024-01-01', kind: 'view', total: 2, events: 1 },
      { day: '2024-01-02', kind: 'click', total: 7, events: 2 },
      { day: '2024-01-03', kind: 'view', total: 5, events: 1 },
    ]);
  });

  test('--full-refresh rebuilds from the current seed', async () => {
    expectSuccess(await project.run('build', '--full-refresh'));
    const [first] = await project.query(db, 'select amount from main.events_latest where event_id = 1');
    expect(first.amount).toBe(100);
  });
});
