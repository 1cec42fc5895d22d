/**
 * The committed CSVs carry every kind of mess the staging rules undo, each on at least a few
 * percent of the rows it applies to, and nothing the rules do not cover.
 */
import { join } from 'node:path';
import { exactDuplicates, readRawRows, type RawRow } from './raw-seeds';
import { loadCleanData, parseDate } from './reference-cleaning';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const A_FEW_PERCENT = 0.02;
const users = readRawRows(SEEDS, 'raw_users');
const subscriptions = readRawRows(SEEDS, 'raw_subscriptions');
const payments = readRawRows(SEEDS, 'raw_payments');

const share = (rows: RawRow[], test: (row: RawRow) => boolean): number => rows.filter(test).length / rows.length;
const spellings = (rows: RawRow[], column: string): Set<string> => new Set(rows.map((r) => r.fields[column]));
const US_DATE = /^\d{2}\/\d{2}\/\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string): boolean => US_DATE.test(value) || ISO_DATE.test(value);
const CHANNEL_WORDS = /^ *(organic|google[ _-]+ads|facebook|tiktok|referral|email) *$/i;

describe('committed seeds: sizes', () => {
  it('cover about 2,000 users, 2,500+ subscriptions and 20,000+ payments', () => {
    expect(new Set(users.map((r) => r.fields.user_id)).size).toBeGreaterThan(1800);
    expect(subscriptions.length).toBeGreaterThanOrEqual(2500);
    expect(payments.length).toBeGreaterThanOrEqual(20000);
  });
});

describe('committed seeds: raw_users mess', () => {
  const distinctLines = users.filter((row, i) => users.findIndex((other) => other.line === row.line) === i);
  it('U1 exact duplicate rows', () => expect(exactDuplicates(users).length / users.length).toBeGreaterThanOrEqual(A_FEW_PERCENT));
  it('U2 the same user again with only formatting differences', () => {
    const seen = new Set<string>();
    const reformatted = distinctLines.filter((r) => r.fields.user_id !== '999' && (seen.has(r.fields.user_id) ? true : (seen.add(r.fields.user_id), false)));
    expect(reformatted.length / users.length).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('U3 the test account 999', () => expect(users.some((r) => r.fields.user_id === '999')).toBe(true));
  it('U4 countries in mixed case, padded, or empty', () => {
    expect(share(users, (r) => r.fields.country.trim() !== '' && !/^[A-Z]{2}$/.test(r.fields.country))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(users, (r) => r.fields.country.trim() === '')).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('U5 channels spelled several ways, or empty', () => {
    const raw = spellings(users, 'marketing_channel');
    for (const spelling of ['Google Ads', 'google-ads', 'GOOGLE_ADS']) expect([...raw].some((s) => s.includes(spelling))).toBe(true);
    expect(share(users, (r) => r.fields.marketing_channel.trim() !== '' && !/^[a-z_]+$/.test(r.fields.marketing_channel))).toBeGreaterThanOrEqual(
      A_FEW_PERCENT,
    );
    expect(share(users, (r) => r.fields.marketing_channel.trim() === '')).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('U6 created_at in three formats', () => {
    expect(share(users, (r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.fields.created_at))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(users, (r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(r.fields.created_at))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(users, (r) => /^\d{9,10}$/.test(r.fields.created_at))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('has no other mess: every value has a known shape', () => {
    const unexpected = users.filter(
      ({ fields }) =>
        !/^\d+$/.test(fields.user_id) ||
        !/^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}Z?|\d+)$/.test(fields.created_at) ||
        !/^ *([A-Za-z]{2})? *$/.test(fields.country) ||
        (fields.marketing_channel.trim() !== '' && !CHANNEL_WORDS.test(fields.marketing_channel)),
    );
    expect(unexpected).toEqual([]);
  });
});

describe('committed seeds: raw_subscriptions mess', () => {
  const userIds = new Set(users.map((r) => r.fields.user_id));
  const ended = subscriptions.filter((r) => !['', 'NULL'].includes(r.fields.end_date));
  it('S1 exact duplicate rows', () => expect(exactDuplicates(subscriptions).length / subscriptions.length).toBeGreaterThanOrEqual(A_FEW_PERCENT));
  it('S2 plan names in mixed case and padded', () => {
    expect(share(subscriptions, (r) => !['Basic', 'Pro', 'Premium'].includes(r.fields.plan_type))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(subscriptions, (r) => r.fields.plan_type !== r.fields.plan_type.trim())).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('S3 every status spelling', () => {
    expect([...spellings(subscriptions, 'status')].sort()).toEqual(['ACTIVE', 'Active', 'CANCELED', 'Cancelled', 'active', 'canceled', 'cancelled']);
  });
  it('S4 stale status: active with an end date', () => {
    expect(share(ended, (r) => r.fields.status.toLowerCase() === 'active')).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('S5 end_date before start_date', () => {
    expect(share(ended, (r) => (parseDate(r.fields.end_date) as string) < (parseDate(r.fields.start_date) as string))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('S6 orphans: users missing from raw_users', () =>
    expect(share(subscriptions, (r) => !userIds.has(r.fields.user_id))).toBeGreaterThanOrEqual(A_FEW_PERCENT));
  it('S7 ISO and US dates; open end dates empty or NULL', () => {
    expect(share(subscriptions, (r) => US_DATE.test(r.fields.start_date))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(ended, (r) => US_DATE.test(r.fields.end_date))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(subscriptions, (r) => r.fields.end_date === 'NULL')).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(subscriptions, (r) => r.fields.end_date === '')).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('includes subscriptions of the test account', () => expect(subscriptions.some((r) => r.fields.user_id === '999')).toBe(true));
  it('never has a cancelled status with an empty end date', () => {
    expect(subscriptions.filter((r) => /^cancel+ed$/i.test(r.fields.status) && ['', 'NULL'].includes(r.fields.end_date))).toEqual([]);
  });
  it('has no other mess: every value has a known shape', () => {
    const unexpected = subscriptions.filter(
      ({ fields }) =>
        !/^\d+$/.test(fields.subscription_id) ||
        !/^\d+$/.test(fields.user_id) ||
        !/^ *(basic|pro|premium) *$/i.test(fields.plan_type) ||
        !isDate(fields.start_date) ||
        !(isDate(fields.end_date) || ['', 'NULL'].includes(fields.end_date)),
    );
    expect(unexpected).toEqual([]);
  });
});

describe('committed seeds: raw_payments mess', () => {
  const subscriptionIds = new Set(subscriptions.map((r) => r.fields.subscription_id));
  const failed = payments.filter((r) => r.fields.status.toLowerCase() === 'failed');
  it('P1 exact duplicate rows', () => expect(exactDuplicates(payments).length / payments.length).toBeGreaterThanOrEqual(A_FEW_PERCENT));
  it('P2 amounts with $ or spaces', () => {
    expect(share(payments, (r) => r.fields.amount.includes('$'))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    expect(share(payments, (r) => r.fields.amount !== r.fields.amount.trim())).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('P3 every status spelling', () => {
    expect([...spellings(payments, 'status')].sort()).toEqual(['FAILED', 'Failed', 'SUCCESS', 'Success', 'failed', 'success']);
  });
  it('P4 failed payments, most retried successfully a few days later', () => {
    expect(failed.length / payments.length).toBeGreaterThanOrEqual(A_FEW_PERCENT);
    const successDays = new Set(
      payments.filter((r) => r.fields.status.toLowerCase() === 'success').map((r) => `${r.fields.subscription_id}|${parseDate(r.fields.payment_date)}`),
    );
    const retried = failed.filter((r) => {
      const day = Date.parse(parseDate(r.fields.payment_date) as string);
      return [1, 2, 3, 4, 5].some((d) => successDays.has(`${r.fields.subscription_id}|${new Date(day + d * 86_400_000).toISOString().slice(0, 10)}`));
    });
    expect(retried.length / failed.length).toBeGreaterThan(0.5);
  });
  it('P5 ISO and US dates', () => expect(share(payments, (r) => US_DATE.test(r.fields.payment_date))).toBeGreaterThanOrEqual(A_FEW_PERCENT));
  it('P6 orphans: subscriptions missing from raw_subscriptions', () => {
    expect(share(payments, (r) => !subscriptionIds.has(r.fields.subscription_id))).toBeGreaterThanOrEqual(A_FEW_PERCENT);
  });
  it('includes payments of the test account', () => {
    const testSubscriptions = new Set(subscriptions.filter((r) => r.fields.user_id === '999').map((r) => r.fields.subscription_id));
    expect(payments.some((r) => testSubscriptions.has(r.fields.subscription_id))).toBe(true);
  });
  it('has no other mess: every value has a known shape', () => {
    const unexpected = payments.filter(
      ({ fields }) =>
        !/^\d+$/.test(fields.payment_id) ||
        !/^\d+$/.test(fields.subscription_id) ||
        !/^ *\$?(9\.99|14\.99|19\.99) *$/.test(fields.amount) ||
        !/^(success|failed)$/i.test(fields.status) ||
        !isDate(fields.payment_date),
    );
    expect(unexpected).toEqual([]);
  });
});

describe('committed seeds: invariants', () => {
  const clean = loadCleanData(SEEDS);
  it('collapse to one row per id once cleaned (no conflicting duplicates)', () => {
    expect(clean.users.length).toBe(new Set(clean.users.map((u) => u.userId)).size);
  });
  it('date every payment within its subscription and on or before 2024-12-31', () => {
    const byId = new Map(clean.subscriptions.map((s) => [s.subscriptionId, s]));
    const outside = clean.payments.filter((p) => {
      const s = byId.get(p.subscriptionId);
      if (p.paymentDate > '2024-12-31') return true;
      return s !== undefined && (p.paymentDate < s.startDate || (s.endDate !== null && p.paymentDate >= s.endDate));
    });
    expect(outside).toEqual([]);
  });
  it('span 2023-01-01 to 2024-12-31', () => {
    const dates = clean.payments.map((p) => p.paymentDate).sort();
    expect(dates[0] >= '2023-01-01').toBe(true);
    expect(dates.at(-1)).toBe('2024-12-31');
    expect(clean.users.every((u) => u.createdAt >= '2023-01-01' && u.createdAt < '2025-01-01')).toBe(true);
  });
});
