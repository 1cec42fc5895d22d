/**
 * Compares what a build put in DuckDB (main.dim_users, main.fct_mrr and the compiled analyses)
 * with the plain-TypeScript reference, row by row. Returns readable differences; none means equal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { computeReference, type Reference } from './reference-marts';
import { loadCleanData } from './reference-cleaning';

/** The committed seeds, which a build of the project loads. */
export const REPOSITORY_SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

type Row = Record<string, unknown>;
type Canonical = Record<string, string | null>;

const MAX_REPORTED = 20;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const cents = (value: unknown): string | null => (value === null || value === undefined ? null : String(Math.round(Number(value) * 100)));
const timestamp = (value: unknown): string | null => text(value)?.replace('T', ' ').slice(0, 19) ?? null;
/** Ratios and averages are compared to a tolerance wider than the SQL's rounding to cents. */
const approx = (value: unknown): string | null => (value === null || value === undefined ? null : Number(value).toFixed(2));
const fromCents = (value: number | null): string | null => (value === null ? null : String(value));

async function query(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

function compareRows(what: string, actual: Canonical[], expected: Canonical[], differences: string[]): void {
  if (actual.length !== expected.length) differences.push(`${what}: ${actual.length} rows built, ${expected.length} expected`);
  const count = Math.min(actual.length, expected.length);
  for (let i = 0; i < count && differences.length < MAX_REPORTED; i++) {
    for (const column of Object.keys(expected[i])) {
      if (actual[i][column] !== expected[i][column]) {
        differences.push(`${what} row ${i + 1} (${JSON.stringify(expected[i])}): ${column} is ${actual[i][column]}, expected ${expected[i][column]}`);
      }
    }
  }
}

function approxRatio(built: unknown, expected: number | null, tolerance: number): boolean {
  if (expected === null || built === null) return built === expected;
  return Math.abs(Number(built) - expected) <= tolerance;
}

async function compareMarts(connection: DuckDBConnection, reference: Reference, differences: string[]): Promise<void> {
  const dimUsers = await query(connection, 'select * from main.dim_users order by user_id');
  compareRows(
    'dim_users',
    dimUsers.map((r) => ({
      user_id: text(r.user_id),
      created_at: timestamp(r.created_at),
      country: text(r.country),
      marketing_channel: text(r.marketing_channel),
      first_subscription_date: text(r.first_subscription_date),
      current_plan_type: text(r.current_plan_type),
      subscription_status: text(r.subscription_status),
      lifetime_value: cents(r.lifetime_value),
      successful_payments: text(r.successful_payments),
    })),
    [...reference.dimUsers]
      .sort((a, b) => a.userId - b.userId)
      .map((u) => ({
        user_id: String(u.userId),
        created_at: u.createdAt,
        country: u.country,
        marketing_channel: u.marketingChannel,
        first_subscription_date: u.firstSubscriptionDate,
        current_plan_type: u.currentPlanType,
        subscription_status: u.subscriptionStatus,
        lifetime_value: fromCents(u.lifetimeValueCents),
        successful_payments: String(u.successfulPayments),
      })),
    differences,
  );
  const fctMrr = await query(connection, 'select * from main.fct_mrr order by user_id, month');
  compareRows(
    'fct_mrr',
    fctMrr.map((r) => ({
      month: text(r.month),
      user_id: text(r.user_id),
      plan_type: text(r.plan_type),
      mrr: cents(r.mrr),
      previous_mrr: cents(r.previous_mrr),
      mrr_change: cents(r.mrr_change),
      change_category: text(r.change_category),
    })),
    [...reference.fctMrr]
      .sort((a, b) => a.userId - b.userId || a.month.localeCompare(b.month))
      .map((m) => ({
        month: m.month,
        user_id: String(m.userId),
        plan_type: m.planType,
        mrr: fromCents(m.mrrCents),
        previous_mrr: fromCents(m.previousMrrCents),
        mrr_change: fromCents(m.mrrChangeCents),
        change_category: m.changeCategory,
      })),
    differences,
  );
}

async function compareAnalyses(connection: DuckDBConnection, analysesDir: string, reference: Reference, differences: string[]): Promise<void> {
  const analysis = (name: string) => query(connection, readFileSync(join(analysesDir, name), 'utf8'));
  const churn = await analysis('churn_rate_last_3_months.sql');
  compareRows(
    'churn_rate_last_3_months',
    churn.map((r) => ({ month: text(r.month), users_at_start: text(r.users_at_start), churned_users: text(r.churned_users) })),
    reference.churn.map((c) => ({ month: c.month, users_at_start: String(c.usersAtStart), churned_users: String(c.churnedUsers) })),
    differences,
  );
  churn.forEach((r, i) => {
    if (!approxRatio(r.churn_rate, reference.churn[i]?.churnRate ?? null, 1e-9)) {
      differences.push(`churn_rate_last_3_months row ${i + 1}: churn_rate is ${r.churn_rate}, expected ${reference.churn[i]?.churnRate}`);
    }
  });
  const ltv = await analysis('ltv_by_marketing_channel.sql');
  compareRows(
    'ltv_by_marketing_channel',
    ltv.map((r) => ({
      marketing_channel: text(r.marketing_channel),
      users: text(r.users),
      paying_users: text(r.paying_users),
      total_revenue: cents(r.total_revenue),
    })),
    reference.ltvByChannel.map((l) => ({
      marketing_channel: l.marketingChannel,
      users: String(l.users),
      paying_users: String(l.payingUsers),
      total_revenue: fromCents(l.totalRevenueCents),
    })),
    differences,
  );
  ltv.forEach((r, i) => {
    const expected = reference.ltvByChannel[i];
    if (expected === undefined) return;
    if (!approxRatio(r.avg_ltv, expected.avgLtv, 0.0051) || !approxRatio(r.avg_ltv_per_paying_user, expected.avgLtvPerPayingUser, 0.0051)) {
      differences.push(
        `ltv_by_marketing_channel row ${i + 1} (${expected.marketingChannel}): averages ${approx(r.avg_ltv)} / ${approx(r.avg_ltv_per_paying_user)}, expected ${approx(expected.avgLtv)} / ${approx(expected.avgLtvPerPayingUser)}`,
      );
    }
  });
}

export async function compareWithReference(dbPath: string, analysesDir: string, seedsDir: string = REPOSITORY_SEEDS_DIR): Promise<string[]> {
  const reference = computeReference(loadCleanData(seedsDir));
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const differences: string[] = [];
    const [asOf] = await query(connection, 'select as_of_date from main.int_as_of_date');
    if (text(asOf?.as_of_date) !== reference.asOfDate) differences.push(`as_of_date is ${text(asOf?.as_of_date)}, expected ${reference.asOfDate}`);
    await compareMarts(connection, reference, differences);
    await compareAnalyses(connection, analysesDir, reference, differences);
    return differences;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
