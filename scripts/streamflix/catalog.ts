/** The business facts the simulated StreamFlix runs on. */
export type Plan = 'Basic' | 'Pro' | 'Premium';

export const PLAN_PRICE_CENTS: Readonly<Record<Plan, number>> = { Basic: 999, Pro: 1499, Premium: 1999 };
export const PLANS: readonly Plan[] = ['Basic', 'Pro', 'Premium'];
export const PLAN_WEIGHTS: readonly (readonly [Plan, number])[] = [
  ['Basic', 50],
  ['Pro', 32],
  ['Premium', 18],
];

export type Channel = 'organic' | 'google_ads' | 'facebook' | 'tiktok' | 'referral' | 'email';

export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['organic', 30],
  ['google_ads', 22],
  ['facebook', 18],
  ['tiktok', 12],
  ['referral', 10],
  ['email', 8],
];

/** Monthly chance of cancelling: paid social users leave fastest, referred users stay longest. */
export const MONTHLY_CHURN: Readonly<Record<Channel, number>> = {
  organic: 0.03,
  google_ads: 0.045,
  facebook: 0.055,
  tiktok: 0.075,
  referral: 0.02,
  email: 0.04,
};

export const COUNTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['US', 34],
  ['GB', 12],
  ['DE', 10],
  ['FR', 8],
  ['CA', 8],
  ['BR', 7],
  ['IN', 6],
  ['ES', 5],
  ['AU', 4],
  ['MX', 3],
  ['NL', 2],
  ['SE', 1],
];

export const TEST_USER_ID = 999;
export const FIRST_USER_ID = 1001;
