/**
 * The reference itself, checked on a hand-made data set whose answers were worked out on paper:
 * duplicates, a swapped date pair, orphans, the test account, a churn and a reactivation.
 */
import { join } from 'node:path';
import { loadCleanData } from './reference-cleaning';
import { computeReference } from './reference-marts';

const reference = computeReference(loadCleanData(join(__dirname, 'fixtures', 'tiny')));
const mrrOf = (userId: number) =>
  reference.fctMrr.filter((r) => r.userId === userId).map((r) => [r.month, r.planType, r.mrrCents, r.previousMrrCents, r.mrrChangeCents, r.changeCategory]);

describe('reference on the tiny fixture', () => {
  it('takes the as-of date from the latest successful payment that counts', () => {
    expect(reference.asOfDate).toBe('2024-06-10');
    expect(reference.reportMonth).toBe('2024-06-01');
  });

  it('builds dim_users without the test account and with cleaned attributes', () => {
    expect(
      reference.dimUsers.map((u) => [
        u.userId,
        u.createdAt,
        u.country,
        u.marketingChannel,
        u.firstSubscriptionDate,
        u.currentPlanType,
        u.subscriptionStatus,
        u.lifetimeValueCents,
        u.successfulPayments,
      ]),
    ).toEqual([
      [1, '2024-01-01 00:00:00', 'US', 'google_ads', '2024-01-10', 'Pro', 'active', 4996, 4],
      [2, '2024-01-01 00:00:00', null, 'unknown', '2024-01-15', 'Premium', 'cancelled', 5997, 3],
      [3, '2024-02-01 00:00:00', 'DE', 'organic', null, null, 'never_subscribed', 0, 0],
      [4, '2024-03-01 08:30:00', 'FR', 'referral', '2024-03-05', 'Basic', 'cancelled', 2997, 3],
    ]);
  });

  it('writes churn and reactivation rows in fct_mrr', () => {
    expect(mrrOf(1)).toEqual([
      ['2024-01-01', 'Basic', 999, 0, 999, 'new'],
      ['2024-02-01', 'Basic', 999, 999, 0, 'retained'],
      ['2024-03-01', 'Basic', 0, 999, -999, 'contraction'],
      ['2024-04-01', null, 0, 0, 0, 'churn'],
      ['2024-05-01', 'Pro', 1499, 0, 1499, 'reactivation'],
      ['2024-06-01', 'Pro', 1499, 1499, 0, 'retained'],
    ]);
    expect(mrrOf(2)).toEqual([
      ['2024-01-01', 'Premium', 1999, 0, 1999, 'new'],
      ['2024-02-01', 'Premium', 1999, 1999, 0, 'retained'],
      ['2024-03-01', 'Premium', 1999, 1999, 0, 'retained'],
      ['2024-04-01', null, 0, 1999, -1999, 'churn'],
    ]);
    expect(mrrOf(4).at(-1)).toEqual(['2024-06-01', 'Basic', 0, 999, -999, 'contraction']);
    expect(reference.fctMrr.some((r) => r.userId === 3 || r.userId === 77 || r.userId === 999)).toBe(false);
  });

  it('computes churn for the last three months and combined', () => {
    expect(reference.churn).toEqual([
      { month: '2024-04-01', usersAtStart: 1, churnedUsers: 0, churnRate: 0 },
      { month: '2024-05-01', usersAtStart: 1, churnedUsers: 0, churnRate: 0 },
      { month: '2024-06-01', usersAtStart: 2, churnedUsers: 1, churnRate: 0.5 },
      { month: null, usersAtStart: 4, churnedUsers: 1, churnRate: 0.25 },
    ]);
  });

  it('ranks channels by average LTV over all their users', () => {
    expect(reference.ltvByChannel.map((r) => [r.marketingChannel, r.users, r.payingUsers, r.totalRevenueCents, r.avgLtv, r.avgLtvPerPayingUser])).toEqual([
      ['unknown', 1, 1, 5997, 59.97, 59.97],
      ['google_ads', 1, 1, 4996, 49.96, 49.96],
      ['referral', 1, 1, 2997, 29.97, 29.97],
      ['organic', 1, 0, 0, 0, null],
    ]);
  });
});
