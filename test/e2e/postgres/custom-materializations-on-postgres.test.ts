import { copyFixture, tsdbt } from '../../helpers/project';
import { describePostgres, queryPostgres, usePostgresProfile, type PostgresServer } from '../../helpers/postgres';

describePostgres('custom materializations on PostgreSQL', (server) => {
  let dir: string;
  let pg: PostgresServer;
  const q = (sql: string) => queryPostgres(pg, sql);

  beforeAll(async () => {
    pg = server();
    dir = copyFixture('custom-materializations');
    usePostgresProfile(dir, pg, 'matshop');
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
  }, 60_000);

  test("the project's materialization builds its table between its hooks; the package's default block serves postgres", async () => {
    const run = await tsdbt(dir, 'run', '--exclude', 'broken', 'unreturned');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK created sql mirror_table model analytics\.mirrored/);
    expect(await q('select id, label from analytics.mirrored order by id')).toEqual([
      { id: 1, label: 'first' },
      { id: 2, label: 'second' },
    ]);
    expect(await q('select step, rows_seen from analytics.hook_log')).toEqual([
      { step: 'pre inside', rows_seen: 0 },
      { step: 'post inside', rows_seen: 2 },
      { step: 'post outside', rows_seen: 2 },
    ]);
    expect(await q("select obj_description('analytics.mirrored'::regclass) as comment")).toEqual([
      { comment: "Two rows, built by the project's own materialization." },
    ]);
    expect(await q('select answer, built_by from analytics.stamped_model')).toEqual([{ answer: 42, built_by: 'default' }]);
    expect(await q('select how from analytics.plain_table')).toEqual([{ how: 'built in' }]);

    const again = await tsdbt(dir, 'run', '--select', 'mirrored');
    expect(again.code).toBe(0);
    expect(await q("select table_name from information_schema.tables where table_name like 'mirrored%'")).toEqual([{ table_name: 'mirrored' }]);
  }, 60_000);

  test('a failing statement rolls back what the materialization did before it', async () => {
    const run = await tsdbt(dir, 'run', '--select', 'broken');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/macros\/failing\.sql:5: materialization 'failing' of model 'broken' \(models\/broken\.sql\) failed: .*no_such_table/);
    expect(await q("select table_name from information_schema.tables where table_name like 'broken%'")).toEqual([]);
  }, 60_000);
});
