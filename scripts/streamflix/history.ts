/**
 * One customer's life at StreamFlix: when they subscribe, which plans they move between, which
 * payments fail and are retried, when they leave and whether they come back.
 */
import type { Random } from './random';
import { anniversary, PERIOD_END } from './dates';
import { MONTHLY_CHURN, PLAN_PRICE_CENTS, PLAN_WEIGHTS, PLANS, type Channel, type Plan } from './catalog';

export interface SimulatedPayment {
  day: number;
  amountCents: number;
  success: boolean;
}

export interface SimulatedSubscription {
  plan: Plan;
  startDay: number;
  /** The day the subscription stopped giving access; null while it runs. */
  endDay: number | null;
  payments: SimulatedPayment[];
}

export interface Behaviour {
  neverSubscribeChance: number;
  monthlyChurn: number;
  monthlyPlanChange: number;
  comebackChance: number;
}

const PAYMENT_FAILURE_CHANCE = 0.07;
const RETRY_SUCCESS_CHANCE = 0.8;
const GRACE_DAYS_AFTER_UNPAID = 7;

export function customerBehaviour(channel: Channel): Behaviour {
  return { neverSubscribeChance: 0.1, monthlyChurn: MONTHLY_CHURN[channel], monthlyPlanChange: 0.04, comebackChance: 0.35 };
}

function daysUntilFirstSubscription(random: Random): number {
  const bucket = random.weighted([
    ['same_day', 45],
    ['days', 35],
    ['weeks', 20],
  ] as const);
  if (bucket === 'same_day') return 0;
  return bucket === 'days' ? random.int(1, 3) : random.int(4, 30);
}

/** Upgrades are twice as common as downgrades; Basic can only go up and Premium only down. */
function changedPlan(random: Random, current: Plan): Plan {
  const index = PLANS.indexOf(current);
  if (index === 0) return PLANS[1 + (random.chance(0.7) ? 0 : 1)];
  if (index === PLANS.length - 1) return PLANS[index - 1 - (random.chance(0.7) ? 0 : 1)];
  return random.chance(2 / 3) ? PLANS[index + 1] : PLANS[index - 1];
}

type Ending = { endDay: number; reason: 'churn' | 'plan_change' } | null;

/** Bills one subscription month after month until it ends or the data stops (PERIOD_END). */
function runSubscription(random: Random, plan: Plan, startDay: number, behaviour: Behaviour): { subscription: SimulatedSubscription; ending: Ending } {
  const payments: SimulatedPayment[] = [];
  const amountCents = PLAN_PRICE_CENTS[plan];
  const close = (ending: Ending) => ({ subscription: { plan, startDay, endDay: ending?.endDay ?? null, payments }, ending });
  for (let month = 0; ; month++) {
    const dueDay = anniversary(startDay, month);
    if (dueDay > PERIOD_END) return close(null);
    if (random.chance(PAYMENT_FAILURE_CHANCE)) {
      payments.push({ day: dueDay, amountCents, success: false });
      if (!random.chance(RETRY_SUCCESS_CHANCE)) return close({ endDay: dueDay + GRACE_DAYS_AFTER_UNPAID, reason: 'churn' });
      const retryDay = dueDay + random.int(1, 5);
      if (retryDay > PERIOD_END) return close(null);
      payments.push({ day: retryDay, amountCents, success: true });
    } else {
      payments.push({ day: dueDay, amountCents, success: true });
    }
    const nextDueDay = anniversary(startDay, month + 1);
    if (random.chance(behaviour.monthlyChurn)) return close({ endDay: nextDueDay, reason: 'churn' });
    if (nextDueDay <= PERIOD_END && random.chance(behaviour.monthlyPlanChange)) return close({ endDay: nextDueDay, reason: 'plan_change' });
  }
}

/** Every subscription a customer signed up for, oldest first; empty for those who never subscribe. */
export function simulateCustomer(random: Random, signupDay: number, behaviour: Behaviour): SimulatedSubscription[] {
  const subscriptions: SimulatedSubscription[] = [];
  if (random.chance(behaviour.neverSubscribeChance)) return subscriptions;
  let startDay = signupDay + daysUntilFirstSubscription(random);
  let plan = random.weighted(PLAN_WEIGHTS);
  while (startDay <= PERIOD_END) {
    const { subscription, ending } = runSubscription(random, plan, startDay, behaviour);
    subscriptions.push(subscription);
    if (ending === null) break;
    if (ending.reason === 'plan_change') {
      plan = changedPlan(random, plan);
      startDay = ending.endDay;
    } else {
      if (!random.chance(behaviour.comebackChance)) break;
      plan = random.weighted(PLAN_WEIGHTS);
      startDay = ending.endDay + random.int(20, 180);
    }
  }
  return subscriptions;
}
