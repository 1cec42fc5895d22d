import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsdbt } from '../../helpers/project';
import { queryDatabase } from '../../helpers/warehouse';
import { describePostgres, queryPostgres, usePostgresProfile } from '../../helpers/postgres';

const ROOT = path.join(__dirname, '..', '..', '..');
const RELATIONS = [
  'raw_users',
  'raw_subscriptions',
  'raw_payments',
  'stg_users',
  'stg_subscriptions',
  'stg_payments',
  'int_as_of_date',
  'int_month_spine',
  'int_subscriptions',
  'int_revenue_payments',
  'int_user_active_months',
  'dim_users',
  'fct_mrr',
];

function copyStreamflix(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-streamflix-'));
  for (const entry of ['project.yml', 'models', 'seeds', 'macros', 'data-tests', 'analyses'])
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

/** Every row as text, sorted, so the engines' value types do not matter, only the values. */
function asTextSql(columns: string[], relation: string): string {
  return `select ${columns.map((c) => `cast("${c}" as varchar) as "${c}"`).join(', ')} from ${relation} order by ${columns.map((_, i) => i + 1).join(', ')}`;
}

describePostgres('StreamFlix on PostgreSQL', (server) => {
  test('builds with its tests passing, and every relation holds exactly the rows it holds on DuckDB', async () => {
    const onDuckdb = copyStreamflix();
    const duckRun = await tsdbt(onDuckdb, 'build', '--exclude', 'resource_type:test');
    expect(duckRun.code).toBe(0);
    const onPostgres = copyStreamflix();
    usePostgresProfile(onPostgres, server(), 'streamflix', { schema: 'main' });
    const pgRun = await tsdbt(onPostgres, 'build');
    if (pgRun.code !== 0) throw new Error(pgRun.stdout);
    expect(pgRun.stdout).toMatch(/PASS=75 WARN=2 ERROR=0/);

    const database = path.join(onDuckdb, 'streamflix.duckdb');
    for (const relation of RELATIONS) {
      const columns = (
        await queryDatabase(database, `select column_name from information_schema.columns where table_name = '${relation}' order by ordinal_position`)
      ).map((row) => String(row.column_name));
      const duck = await queryDatabase(database, asTextSql(columns, `main."${relation}"`));
      const pg = await queryPostgres(server(), asTextSql(columns, `main."${relation}"`));
      expect({ relation, rows: pg }).toEqual({ relation, rows: duck });
    }
  }, 300_000);
});
