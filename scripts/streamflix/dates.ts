/** Calendar arithmetic on whole UTC days counted from 1970-01-01, so no time zone can shift a date. */
const MS_PER_DAY = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export const PERIOD_START = dayNumber(2023, 1, 1);
export const PERIOD_END = dayNumber(2024, 12, 31);

function parts(day: number): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(day: number): string {
  const { year, month, dayOfMonth } = parts(day);
  return `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** The US month/day/year spelling some source screens export. */
export function usDate(day: number): string {
  const { year, month, dayOfMonth } = parts(day);
  return `${pad2(month)}/${pad2(dayOfMonth)}/${year}`;
}

/**
 * The billing anniversary `months` months after `startDay`: same day of month, or the last day
 * of a shorter month (a subscription started on Jan 31 renews on Feb 28/29).
 */
export function anniversary(startDay: number, months: number): number {
  const { year, month, dayOfMonth } = parts(startDay);
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return dayNumber(targetYear, targetMonth, Math.min(dayOfMonth, lastDay));
}

export type TimestampStyle = 'space' | 'iso_z' | 'epoch';

/** A UTC instant (seconds since the epoch) written in one of the source's three styles. */
export function formatTimestamp(epochSeconds: number, style: TimestampStyle): string {
  if (style === 'epoch') return String(epochSeconds);
  const text = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  return style === 'iso_z' ? `${text}Z` : text.replace('T', ' ');
}
