/** The marts and analyses computed straight from the cleaned rows, one user at a time, no SQL. */
import { addMonths, lastDayOf, monthOf } from './calendar';
import type { CleanData, Subscription } from './reference-cleaning';

export interface DimUserRow {
  userId: number;
  createdAt: string;
  country: string | null;
  marketingChannel: string;
  firstSubscriptionDate: string | null;
  currentPlanType: string | null;
  subscriptionStatus: string;
  lifetimeValueCents: number;
  successfulPayments: number;
}
export interface MrrRow {
  month: string;
  userId: number;
  planType: string | null;
  mrrCents: number;
  previousMrrCents: number;
  mrrChangeCents: number;
  changeCategory: string;
}
export interface ChurnRow {
  month: string | null;
  usersAtStart: number;
  churnedUsers: number;
  churnRate: number | null;
}
export interface LtvRow {
  marketingChannel: string;
  users: number;
  payingUsers: number;
  totalRevenueCents: number;
  avgLtv: number;
  avgLtvPerPayingUser: number | null;
}
export interface Reference {
  asOfDate: string;
  reportMonth: string;
  dimUsers: DimUserRow[];
  fctMrr: MrrRow[];
  churn: ChurnRow[];
  ltvByChannel: LtvRow[];
}

const isActiveOn = (s: Subscription, day: string): boolean => s.startDate <= day && (s.endDate === null || s.endDate > day);
const overlapsMonth = (s: Subscription, month: string): boolean => s.startDate <= lastDayOf(month) && (s.endDate === null || s.endDate > month);
/** Latest-started first; the higher subscription_id breaks a tie. */
const latestStartedFirst = (a: Subscription, b: Subscription): number => b.startDate.localeCompare(a.startDate) || b.subscriptionId - a.subscriptionId;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function mrrRowsForUser(userId: number, subscriptions: Subscription[], revenueByMonth: Map<string, number>, reportMonth: string): MrrRow[] {
  const rows: MrrRow[] = [];
  const firstMonth = monthOf(subscriptions.map((s) => s.startDate).sort()[0]);
  let previousActive = false;
  let previousMrr = 0;
  for (let month = firstMonth; month <= reportMonth; month = addMonths(month, 1)) {
    const active = subscriptions.filter((s) => overlapsMonth(s, month)).sort(latestStartedFirst);
    const isChurnRow: boolean = active.length === 0 && previousActive;
    if (active.length === 0 && !isChurnRow) {
      previousActive = false;
      previousMrr = 0;
      continue;
    }
    const mrr = revenueByMonth.get(month) ?? 0;
    const lifecycle = isChurnRow ? 'churn' : rows.length === 0 ? 'new' : !previousActive ? 'reactivation' : null;
    const changeCategory = lifecycle ?? (mrr > previousMrr ? 'expansion' : mrr < previousMrr ? 'contraction' : 'retained');
    rows.push({
      month,
      userId,
      planType: isChurnRow ? null : active[0].planType,
      mrrCents: mrr,
      previousMrrCents: previousMrr,
      mrrChangeCents: mrr - previousMrr,
      changeCategory,
    });
    previousActive = !isChurnRow;
    previousMrr = mrr;
  }
  return rows;
}

function churnAnalysis(users: number[], subscriptionsByUser: Map<number, Subscription[]>, reportMonth: string): ChurnRow[] {
  const months = [addMonths(reportMonth, -2), addMonths(reportMonth, -1), reportMonth];
  const rate = (churned: number, starting: number): number | null => (starting === 0 ? null : churned / starting);
  const rows = months.map((month): ChurnRow => {
    const activeOn = (userId: number, day: string) => (subscriptionsByUser.get(userId) ?? []).some((s) => isActiveOn(s, day));
    const starting = users.filter((u) => activeOn(u, month));
    const churned = starting.filter((u) => !activeOn(u, lastDayOf(month))).length;
    return { month, usersAtStart: starting.length, churnedUsers: churned, churnRate: rate(churned, starting.length) };
  });
  const usersAtStart = rows.reduce((sum, r) => sum + r.usersAtStart, 0);
  const churnedUsers = rows.reduce((sum, r) => sum + r.churnedUsers, 0);
  return [...rows, { month: null, usersAtStart, churnedUsers, churnRate: rate(churnedUsers, usersAtStart) }];
}

function ltvByChannel(dimUsers: DimUserRow[]): LtvRow[] {
  return [...groupBy(dimUsers, (u) => u.marketingChannel)]
    .map(([marketingChannel, members]): LtvRow => {
      const totalRevenueCents = members.reduce((sum, u) => sum + u.lifetimeValueCents, 0);
      const payingUsers = members.filter((u) => u.successfulPayments > 0).length;
      return {
        marketingChannel,
        users: members.length,
        payingUsers,
        totalRevenueCents,
        avgLtv: totalRevenueCents / 100 / members.length,
        avgLtvPerPayingUser: payingUsers === 0 ? null : totalRevenueCents / 100 / payingUsers,
      };
    })
    .sort((a, b) => b.avgLtv - a.avgLtv || a.marketingChannel.localeCompare(b.marketingChannel));
}

export function computeReference({ users, subscriptions, payments }: CleanData): Reference {
  const userIds = new Set(users.map((u) => u.userId));
  const countingSubscriptions = subscriptions.filter((s) => userIds.has(s.userId));
  const ownerOf = new Map(countingSubscriptions.map((s) => [s.subscriptionId, s.userId]));
  const revenue = payments.filter((p) => p.status === 'success' && ownerOf.has(p.subscriptionId));
  const asOfDate = revenue
    .map((p) => p.paymentDate)
    .sort()
    .at(-1) as string;
  const reportMonth = monthOf(asOfDate);
  const subscriptionsByUser = groupBy(countingSubscriptions, (s) => s.userId);
  const revenueByUser = groupBy(revenue, (p) => ownerOf.get(p.subscriptionId) as number);

  const dimUsers = users.map((user): DimUserRow => {
    const own = [...(subscriptionsByUser.get(user.userId) ?? [])].sort(latestStartedFirst);
    const activeNow = own.filter((s) => isActiveOn(s, asOfDate));
    const paid = revenueByUser.get(user.userId) ?? [];
    return {
      ...user,
      firstSubscriptionDate: own.length === 0 ? null : own[own.length - 1].startDate,
      currentPlanType: (activeNow[0] ?? own[0])?.planType ?? null,
      subscriptionStatus: activeNow.length > 0 ? 'active' : own.length > 0 ? 'cancelled' : 'never_subscribed',
      lifetimeValueCents: paid.reduce((sum, p) => sum + p.amountCents, 0),
      successfulPayments: paid.length,
    };
  });

  const fctMrr = [...subscriptionsByUser].flatMap(([userId, own]) => {
    const revenueByMonth = new Map<string, number>();
    for (const p of revenueByUser.get(userId) ?? []) {
      revenueByMonth.set(monthOf(p.paymentDate), (revenueByMonth.get(monthOf(p.paymentDate)) ?? 0) + p.amountCents);
    }
    return mrrRowsForUser(userId, own, revenueByMonth, reportMonth);
  });

  return {
    asOfDate,
    reportMonth,
    dimUsers,
    fctMrr,
    churn: churnAnalysis(
      users.map((u) => u.userId),
      subscriptionsByUser,
      reportMonth,
    ),
    ltvByChannel: ltvByChannel(dimUsers),
  };
}
