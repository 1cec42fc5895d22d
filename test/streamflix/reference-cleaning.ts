/**
 * The staging rules in plain TypeScript, independent of the SQL: an independent second reading
 * of the same rules, so the two can check each other.
 */
import { join } from 'node:path';
import { readCsv } from './csv';

export const TEST_USER_ID = 999;

export interface User {
  userId: number;
  createdAt: string;
  country: string | null;
  marketingChannel: string;
}
export interface Subscription {
  subscriptionId: number;
  userId: number;
  planType: string;
  startDate: string;
  endDate: string | null;
}
export interface Payment {
  paymentId: number;
  subscriptionId: number;
  amountCents: number;
  paymentDate: string;
  status: string;
}

export function cleanText(value: string | undefined): string | null {
  const trimmed = (value ?? '').replace(/^ +| +$/g, '');
  return trimmed === '' || trimmed === 'NULL' ? null : trimmed;
}

function required(value: string | undefined, what: string): string {
  const cleaned = cleanText(value);
  if (cleaned === null) throw new Error(`reference: ${what} is empty`);
  return cleaned;
}

const id = (value: string | undefined, what: string): number => Number(required(value, what));

export function parseDate(value: string | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : text;
}

/** Returns 'YYYY-MM-DD HH:MM:SS' in UTC. */
export function parseTimestamp(value: string | undefined): string {
  const text = required(value, 'created_at');
  if (/^\d+$/.test(text)) return new Date(Number(text) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return text.replace('T', ' ').replace(/Z$/, '');
}

export function normalizeChannel(value: string | undefined): string {
  const text = cleanText(value);
  return text === null ? 'unknown' : text.toLowerCase().replace(/[ _-]+/g, '_');
}

export function parseAmountCents(value: string | undefined): number {
  return Math.round(Number(required(value, 'amount').replace(/[$ ]/g, '')) * 100);
}

const PLAN_NAMES: Record<string, string> = { basic: 'Basic', pro: 'Pro', premium: 'Premium' };

/** Keeps one row per key; rows that still differ after cleaning mean a cleaning rule is missing. */
function uniqueBy<T>(rows: T[], key: (row: T) => number, what: string): T[] {
  const byKey = new Map<number, T>();
  for (const row of rows) {
    const existing = byKey.get(key(row));
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(row)) {
      throw new Error(`reference: ${what} ${key(row)} has rows that still differ after cleaning`);
    }
    byKey.set(key(row), row);
  }
  return [...byKey.values()];
}

export interface CleanData {
  users: User[];
  subscriptions: Subscription[];
  payments: Payment[];
}

export function loadCleanData(seedsDir: string): CleanData {
  const rawSubscriptions = readCsv(join(seedsDir, 'raw_subscriptions.csv'));
  const testSubscriptionIds = new Set(
    rawSubscriptions.filter((r) => id(r.user_id, 'user_id') === TEST_USER_ID).map((r) => id(r.subscription_id, 'subscription_id')),
  );
  const users = uniqueBy(
    readCsv(join(seedsDir, 'raw_users.csv')).map((r): User => ({
      userId: id(r.user_id, 'user_id'),
      createdAt: parseTimestamp(r.created_at),
      country: cleanText(r.country)?.toUpperCase() ?? null,
      marketingChannel: normalizeChannel(r.marketing_channel),
    })),
    (u) => u.userId,
    'user',
  ).filter((u) => u.userId !== TEST_USER_ID);
  const subscriptions = uniqueBy(
    rawSubscriptions.map((r): Subscription => {
      const keyedStart = parseDate(r.start_date) as string;
      const keyedEnd = parseDate(r.end_date);
      const swapped = keyedEnd !== null && keyedEnd < keyedStart;
      return {
        subscriptionId: id(r.subscription_id, 'subscription_id'),
        userId: id(r.user_id, 'user_id'),
        planType: PLAN_NAMES[required(r.plan_type, 'plan_type').toLowerCase()],
        startDate: swapped ? keyedEnd : keyedStart,
        endDate: swapped ? keyedStart : keyedEnd,
      };
    }),
    (s) => s.subscriptionId,
    'subscription',
  ).filter((s) => s.userId !== TEST_USER_ID);
  const payments = uniqueBy(
    readCsv(join(seedsDir, 'raw_payments.csv')).map((r): Payment => ({
      paymentId: id(r.payment_id, 'payment_id'),
      subscriptionId: id(r.subscription_id, 'subscription_id'),
      amountCents: parseAmountCents(r.amount),
      paymentDate: parseDate(r.payment_date) as string,
      status: required(r.status, 'status').toLowerCase(),
    })),
    (p) => p.paymentId,
    'payment',
  ).filter((p) => !testSubscriptionIds.has(p.subscriptionId));
  return { users, subscriptions, payments };
}
