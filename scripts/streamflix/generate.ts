/**
 * Writes raw_users.csv, raw_subscriptions.csv and raw_payments.csv one customer at a
 * time, so a million users need no more memory than ten.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Random } from './random';
import { isoDate, PERIOD_END, PERIOD_START } from './dates';
import { CsvFileWriter } from './csv-writer';
import { CHANNEL_WEIGHTS, COUNTRY_WEIGHTS, FIRST_USER_ID, TEST_USER_ID, type Channel } from './catalog';
import { customerBehaviour, simulateCustomer, type Behaviour, type SimulatedSubscription } from './history';
import * as mess from './mess';

export interface GenerateSeedsOptions {
  users: number;
  seed: number;
  outDir: string;
}

/** How often each kind of mess happens (share of the rows it applies to). */
const MESS_RATES = {
  duplicateUserRow: 0.03, // U1
  reformattedUserRow: 0.04, // U2
  emptyCountry: 0.04, // U4
  emptyChannel: 0.04, // U5
  deletedUser: 0.04, // S6: the user row is gone, the subscriptions stay
  duplicateSubscriptionRow: 0.03, // S1
  staleActiveStatus: 0.08, // S4, among ended subscriptions
  swappedDates: 0.08, // S5, among ended subscriptions
  purgedSubscription: 0.05, // P6: one subscription row is gone, its payments stay
  duplicatePaymentRow: 0.03, // P1
} as const;

const TEST_ACCOUNT_BEHAVIOUR: Behaviour = { neverSubscribeChance: 0, monthlyChurn: 0.05, monthlyPlanChange: 0.25, comebackChance: 1 };

interface Customer {
  userId: number;
  signupSecond: number;
  country: string | null;
  channel: Channel | null;
}

class SeedWriters {
  readonly users: CsvFileWriter;
  readonly subscriptions: CsvFileWriter;
  readonly payments: CsvFileWriter;
  private nextSubscriptionId = 1;
  private nextPaymentId = 1;

  constructor(
    outDir: string,
    private readonly random: Random,
  ) {
    this.users = new CsvFileWriter(join(outDir, 'raw_users.csv'), ['user_id', 'created_at', 'country', 'marketing_channel']);
    this.subscriptions = new CsvFileWriter(join(outDir, 'raw_subscriptions.csv'), [
      'subscription_id',
      'user_id',
      'plan_type',
      'status',
      'start_date',
      'end_date',
    ]);
    this.payments = new CsvFileWriter(join(outDir, 'raw_payments.csv'), ['payment_id', 'subscription_id', 'amount', 'payment_date', 'status']);
  }

  writeUser(customer: Customer): void {
    const line = this.users.add(this.userFields(customer));
    if (this.random.chance(MESS_RATES.duplicateUserRow)) this.users.addLine(line);
    if (this.random.chance(MESS_RATES.reformattedUserRow)) this.users.add(this.userFields(customer));
  }

  /** Writes the history; `purgedIndex` names a subscription whose row is lost but whose payments remain. */
  writeHistory(userId: number, history: readonly SimulatedSubscription[], purgedIndex: number | null): void {
    history.forEach((subscription, index) => {
      const subscriptionId = this.nextSubscriptionId++;
      if (index !== purgedIndex) this.writeSubscription(subscriptionId, userId, subscription);
      for (const payment of subscription.payments) {
        const line = this.payments.add([
          String(this.nextPaymentId++),
          String(subscriptionId),
          mess.writeAmount(this.random, payment.amountCents),
          mess.writeDate(this.random, payment.day),
          mess.writePaymentStatus(this.random, payment.success),
        ]);
        if (this.random.chance(MESS_RATES.duplicatePaymentRow)) this.payments.addLine(line);
      }
    });
  }

  async flushIfFull(): Promise<void> {
    await Promise.all([this.users.flushIfFull(), this.subscriptions.flushIfFull(), this.payments.flushIfFull()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.users.close(), this.subscriptions.close(), this.payments.close()]);
  }

  private userFields(customer: Customer): string[] {
    const style = mess.pickTimestampStyle(this.random);
    return [
      String(customer.userId),
      mess.writeTimestamp(customer.signupSecond, style),
      mess.writeCountry(this.random, customer.country),
      mess.writeChannel(this.random, customer.channel),
    ];
  }

  private writeSubscription(subscriptionId: number, userId: number, subscription: SimulatedSubscription): void {
    const { endDay } = subscription;
    const ended = endDay !== null && endDay <= PERIOD_END;
    const sourceStatus = endDay === null || (ended && this.random.chance(MESS_RATES.staleActiveStatus)) ? 'active' : 'cancelled';
    let startText = mess.writeDate(this.random, subscription.startDay);
    let endText = endDay === null ? mess.writeMissingDate(this.random) : mess.writeDate(this.random, endDay);
    if (ended && this.random.chance(MESS_RATES.swappedDates)) [startText, endText] = [endText, startText];
    const line = this.subscriptions.add([
      String(subscriptionId),
      String(userId),
      mess.writePlan(this.random, subscription.plan),
      mess.writeSubscriptionStatus(this.random, sourceStatus),
      startText,
      endText,
    ]);
    if (this.random.chance(MESS_RATES.duplicateSubscriptionRow)) this.subscriptions.addLine(line);
  }
}

/** A launch campaign brings almost a third of all users in the first quarter; the rest trickle in. */
function randomSignupDay(random: Random): number {
  return random.chance(0.3) ? random.int(PERIOD_START, PERIOD_START + 89) : random.int(PERIOD_START, PERIOD_END);
}

function randomCustomer(random: Random, userId: number): Customer {
  const signupDay = randomSignupDay(random);
  return {
    userId,
    signupSecond: signupDay * 86_400 + random.int(0, 86_399),
    country: random.chance(MESS_RATES.emptyCountry) ? null : random.weighted(COUNTRY_WEIGHTS),
    channel: random.chance(MESS_RATES.emptyChannel) ? null : random.weighted(CHANNEL_WEIGHTS),
  };
}

/** U3: QA's test account, written twice and exercised through many plan changes. */
function writeTestAccount(writers: SeedWriters, random: Random): void {
  const testAccount: Customer = { userId: TEST_USER_ID, signupSecond: (PERIOD_START + 14) * 86_400 + 36_000, country: 'US', channel: 'organic' };
  writers.writeUser(testAccount);
  writers.users.add([String(TEST_USER_ID), `${isoDate(PERIOD_START + 14)} 10:00:00`, 'us', 'Organic']);
  writers.writeHistory(TEST_USER_ID, simulateCustomer(random, PERIOD_START + 14, TEST_ACCOUNT_BEHAVIOUR), null);
}

function assertValidOptions(options: GenerateSeedsOptions): void {
  if (!Number.isInteger(options.users) || options.users < 1) {
    throw new Error(`generate-seeds: --users must be a whole number of at least 1, got ${options.users}`);
  }
  if (!Number.isInteger(options.seed)) throw new Error(`generate-seeds: --seed must be a whole number, got ${options.seed}`);
}

export async function generateSeeds(options: GenerateSeedsOptions): Promise<void> {
  assertValidOptions(options);
  await mkdir(options.outDir, { recursive: true });
  const random = new Random(options.seed);
  const writers = new SeedWriters(options.outDir, random);
  const testAccountPosition = Math.floor(options.users / 2);
  for (let index = 0; index < options.users; index++) {
    if (index === testAccountPosition) writeTestAccount(writers, random);
    const customer = randomCustomer(random, FIRST_USER_ID + index);
    const deleted = random.chance(MESS_RATES.deletedUser);
    if (!deleted) writers.writeUser(customer);
    const channel = customer.channel ?? random.weighted(CHANNEL_WEIGHTS);
    const history = simulateCustomer(random, Math.floor(customer.signupSecond / 86_400), customerBehaviour(channel));
    const purged = !deleted && history.length > 0 && random.chance(MESS_RATES.purgedSubscription);
    writers.writeHistory(customer.userId, history, purged ? random.int(0, history.length - 1) : null);
    await writers.flushIfFull();
  }
  await writers.close();
}
