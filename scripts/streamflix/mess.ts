/**
 * The source systems' formatting noise. Each helper only changes how a value is written, never
 * what it means, so the staging rules undo it exactly.
 */
import type { Random } from './random';
import { formatTimestamp, isoDate, usDate, type TimestampStyle } from './dates';

function randomCase(random: Random, text: string): string {
  return [...text].map((c) => (random.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** Surrounds text with one to four spaces, at least one on some side. */
function pad(random: Random, text: string): string {
  const left = random.int(0, 2);
  const right = left === 0 ? random.int(1, 2) : random.int(0, 2);
  return `${' '.repeat(left)}${text}${' '.repeat(right)}`;
}

/** U4: an ISO country code, usually clean; mixed case and padding on some rows; some empty. */
export function writeCountry(random: Random, code: string | null): string {
  if (code === null) return random.chance(0.7) ? '' : '  ';
  const variant = random.weighted([
    ['clean', 70],
    ['lower', 10],
    ['mixed', 8],
    ['padded', 12],
  ] as const);
  if (variant === 'clean') return code;
  if (variant === 'lower') return code.toLowerCase();
  if (variant === 'mixed') return randomCase(random, code);
  return pad(random, random.chance(0.5) ? code : code.toLowerCase());
}

/** U5: a canonical channel spelled another way (`Google Ads`, `google-ads`, ` GOOGLE_ADS`). */
export function writeChannel(random: Random, channel: string | null): string {
  if (channel === null) return random.chance(0.7) ? '' : ' ';
  const words = channel.split('_');
  const variant = random.weighted([
    ['clean', 55],
    ['title', 15],
    ['hyphen', 10],
    ['upper', 10],
    ['padded', 10],
  ] as const);
  if (variant === 'clean') return channel;
  if (variant === 'title') return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  if (variant === 'hyphen') return words.join(random.chance(0.5) ? '-' : ' - ');
  if (variant === 'upper') return words.join(random.pick(['_', ' ', '__'])).toUpperCase();
  return ` ${randomCase(random, words.join(random.pick(['_', '-', ' '])))} `;
}

/** U6: the three timestamp spellings; most rows use the database default. */
export function pickTimestampStyle(random: Random): TimestampStyle {
  return random.weighted([
    ['space', 60],
    ['iso_z', 20],
    ['epoch', 20],
  ] as const);
}

export function writeTimestamp(epochSeconds: number, style: TimestampStyle): string {
  return formatTimestamp(epochSeconds, style);
}

/** S7 and P5: ISO or US month/day/year. */
export function writeDate(random: Random, day: number): string {
  return random.chance(0.25) ? usDate(day) : isoDate(day);
}

/** S7: an open end date is an empty field or the text NULL. */
export function writeMissingDate(random: Random): string {
  return random.chance(0.7) ? '' : 'NULL';
}

/** S2: plan names in mixed case and padded. */
export function writePlan(random: Random, plan: string): string {
  const variant = random.weighted([
    ['clean', 65],
    ['lower', 12],
    ['upper', 8],
    ['padded', 15],
  ] as const);
  if (variant === 'clean') return plan;
  if (variant === 'lower') return plan.toLowerCase();
  if (variant === 'upper') return plan.toUpperCase();
  return random.chance(0.5) ? ` ${plan.toUpperCase()}` : `${plan} `;
}

/** S3: the spellings of a subscription status in the source. */
export function writeSubscriptionStatus(random: Random, status: 'active' | 'cancelled'): string {
  if (status === 'active')
    return random.weighted([
      ['active', 75],
      ['Active', 15],
      ['ACTIVE', 10],
    ] as const);
  return random.weighted([
    ['cancelled', 55],
    ['canceled', 20],
    ['Cancelled', 15],
    ['CANCELED', 10],
  ] as const);
}

/** P3: the spellings of a payment status. */
export function writePaymentStatus(random: Random, success: boolean): string {
  const word = success ? 'success' : 'failed';
  const variant = random.weighted([
    ['lower', 75],
    ['title', 15],
    ['upper', 10],
  ] as const);
  if (variant === 'lower') return word;
  return variant === 'upper' ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1);
}

/** P2: amounts as `9.99`, `$9.99`, or with spaces around them. */
export function writeAmount(random: Random, cents: number): string {
  const plain = (cents / 100).toFixed(2);
  const variant = random.weighted([
    ['plain', 70],
    ['dollar', 15],
    ['spaced', 10],
    ['spaced_dollar', 5],
  ] as const);
  if (variant === 'plain') return plain;
  if (variant === 'dollar') return `$${plain}`;
  if (variant === 'spaced') return ` ${plain} `;
  return ` $${plain}`;
}
