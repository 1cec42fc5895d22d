import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describePostgres, usePostgresProfile } from '../../helpers/postgres';
import { copyStreamflix, tsdbt } from '../../helpers/project';

/**
 * `docs generate` on a PostgreSQL target: the lineage comes from DuckDB's parser reading the SQL compiled
 * for Postgres, and the exposure's charts are queried from Postgres; both agree with DuckDB's numbers.
 */
describePostgres('docs generate on PostgreSQL (StreamFlix)', (server) => {
  test('column lineage from the Postgres SQL; the dashboard charts hold the same answers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-docs-pg-'));
    copyStreamflix(dir);
    usePostgresProfile(dir, server(), 'streamflix', { schema: 'main' });
    const build = await tsdbt(dir, 'build', '--exclude', 'resource_type:test');
    if (build.code !== 0) throw new Error(build.stdout);
    expect((await tsdbt(dir, 'docs', 'generate')).code).toBe(0);
    const { columnLineage, charts } = JSON.parse(readFileSync(path.join(dir, 'target', 'tsdbt_docs.json'), 'utf8'));
    const unavailable = Object.entries(columnLineage).filter(([, result]) => 'unavailable' in (result as object));
    expect(unavailable).toEqual([]);
    const dimUsers = columnLineage['model.streamflix.dim_users'].columns as { column: string; sources: { node: string; column: string }[] }[];
    expect(dimUsers.find((c) => c.column === 'lifetime_value')?.sources).toEqual([{ node: 'model.streamflix.int_revenue_payments', column: 'amount' }]);
    const [mrr, churn, ltv] = charts['exposure.streamflix.revenue_and_retention'];
    expect(mrr.series[0][mrr.labels.indexOf('2024-12-01')]).toBe(14124.98);
    expect(churn.series[0].slice(-3).map((rate: number) => (rate * 100).toFixed(2))).toEqual(['6.83', '5.22', '5.09']);
    expect([ltv.labels[0], ltv.series[0][0]]).toEqual(['referral', 145.74]);
  }, 300_000);
});
