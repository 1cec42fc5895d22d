import type { Dialect, Relation } from '../adapters/adapter';
import { ProjectError } from '../errors';
import type { NodeConfig } from '../project/types';

/**
 * dbt's microbatch incremental models (dbt-core 1.9+): the model is built in batches of `batch_size` over its
 * `event_time` column, each batch rendered with its own window and applied by deleting and inserting that window.
 * All times are UTC; a batch is the half-open window [start, end).
 */
export type BatchSize = 'hour' | 'day' | 'month' | 'year';

const BATCH_SIZES: readonly BatchSize[] = ['hour', 'day', 'month', 'year'];

export interface MicrobatchConfig {
  eventTime: string;
  begin: Date;
  batchSize: BatchSize;
  lookback: number;
}

export interface Batch {
  start: Date;
  end: Date;
  /** dbt's batch id: the formatted start without dashes (`20240917`, `20240917T16`). */
  id: string;
  /** The formatted start, as dbt names a batch in its log lines and compiled file names (`2024-09-17`). */
  label: string;
}

/** The run-wide inputs of the plan: --event-time-start/-end and the invocation's start ("now"). */
export interface BatchWindowFlags {
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  now: Date;
}

export function isMicrobatch(config: NodeConfig): boolean {
  return config.materialized === 'incremental' && config.incremental_strategy === 'microbatch';
}

/**
 * The microbatch configs, checked as dbt checks them when it parses the project (with dbt's messages). The error
 * points at the line of the model's SQL naming the config, or else its strategy, when its `config()` sets them.
 */
export function microbatchConfig(config: NodeConfig, node: { name: string; file: string; sql?: string }): MicrobatchConfig {
  const fail = (message: string, hint: string, key?: string): never => {
    throw new ProjectError(message, { file: node.file, line: lineNaming(node.sql, key) ?? lineNaming(node.sql, 'microbatch') }, hint);
  };
  const eventTime = config.event_time;
  if (typeof eventTime !== 'string' || eventTime === '') {
    fail(
      `Microbatch model '${node.name}' must provide an 'event_time' (string) config that indicates the name of the event time column.`,
      "set event_time, e.g. {{ config(event_time='created_at') }}",
      'event_time',
    );
  }
  const batchSize = config.batch_size;
  if (!BATCH_SIZES.includes(batchSize as BatchSize)) {
    fail(
      `Microbatch model '${node.name}' must provide a 'batch_size' config that is one of [${BATCH_SIZES.join(', ')}]. Got: ${String(batchSize ?? 'none')}.`,
      "set batch_size='day' (or hour, month, year)",
      'batch_size',
    );
  }
  const begin = parseTimestamp(config.begin);
  if (!begin) {
    fail(
      `Microbatch model '${node.name}' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from.`,
      "set begin to a date or timestamp, e.g. begin='2024-01-01'",
      'begin',
    );
  }
  const lookback = config.lookback ?? 1;
  if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 0) {
    fail(
      `Microbatch model '${node.name}' must provide the optional 'lookback' config as type int. Got: ${String(lookback)}.`,
      'set lookback to a whole number of batches (default 1)',
      'lookback',
    );
  }
  if (config.unique_key !== undefined && config.unique_key !== null && config.unique_key !== '') {
    fail(
      "microbatch incremental strategy does not support 'unique_key'. Microbatch runs delete+insert per batch based on 'event_time' and does not do key-based upserts.",
      "remove unique_key or use incremental_strategy='merge'",
      'unique_key',
    );
  }
  return { eventTime: eventTime as string, begin: begin as Date, batchSize: batchSize as BatchSize, lookback: lookback as number };
}

/**
 * A timestamp from a config or a flag: a Date (YAML), or `2024-01-01`, `2024-01-01 10:00:00`, `2024-01-01T10:00:00Z`,
 * with an optional offset. Without an offset the time is UTC, as dbt reads it.
 */
export function parseTimestamp(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** --event-time-start / --event-time-end, checked as dbt checks them: both or neither, start before end. */
export function eventTimeFlags(start: string | undefined, end: string | undefined): Pick<BatchWindowFlags, 'eventTimeStart' | 'eventTimeEnd'> {
  if (start === undefined && end === undefined) return {};
  const flag = (name: string, value: string | undefined, other: string): Date => {
    if (value === undefined) throw new ProjectError(`When specifying \`--${other}\`, \`--${name}\` must also be present.`, undefined, `add --${name}`);
    const time = parseTimestamp(value);
    if (!time) throw new ProjectError(`--${name}: '${value}' is not a date or timestamp`, undefined, 'use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC)');
    return time;
  };
  const eventTimeStart = flag('event-time-start', start, 'event-time-end');
  const eventTimeEnd = flag('event-time-end', end, 'event-time-start');
  if (eventTimeStart >= eventTimeEnd) {
    throw new ProjectError('Value for `--event-time-start` must be less than `--event-time-end`', undefined, 'swap the two flags or widen the window');
  }
  return { eventTimeStart, eventTimeEnd };
}

/** The 1-based line of `sql` where `word` first appears as a whole word. */
function lineNaming(sql: string | undefined, word: string | undefined): number | undefined {
  if (!sql || !word) return undefined;
  const index = sql.search(new RegExp(`\\b${word}\\b`));
  return index < 0 ? undefined : sql.slice(0, index).split('\n').length;
}

/** The start of the batch `timestamp` falls in. */
export function truncateTimestamp(timestamp: Date, size: BatchSize): Date {
  const t = timestamp;
  switch (size) {
    case 'hour':
      return utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours());
    case 'day':
      return utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
    case 'month':
      return utc(t.getUTCFullYear(), t.getUTCMonth(), 1);
    case 'year':
      return utc(t.getUTCFullYear(), 0, 1);
  }
}

/** The truncated `timestamp` moved by `offset` batches (dbt applies the offset to the truncated time). */
export function offsetTimestamp(timestamp: Date, size: BatchSize, offset: number): Date {
  const t = truncateTimestamp(timestamp, size);
  switch (size) {
    case 'hour':
      return new Date(t.getTime() + offset * 3_600_000);
    case 'day':
      return utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + offset);
    case 'month':
      return utc(t.getUTCFullYear(), t.getUTCMonth() + offset, 1);
    case 'year':
      return utc(t.getUTCFullYear() + offset, 0, 1);
  }
}

/** `timestamp` moved up to the next batch boundary, unless it is on one. */
export function ceilingTimestamp(timestamp: Date, size: BatchSize): Date {
  const truncated = truncateTimestamp(timestamp, size);
  return truncated.getTime() === timestamp.getTime() ? truncated : offsetTimestamp(truncated, size, 1);
}

/**
 * The batches a run builds, as dbt's MicrobatchBuilder: up to the end of the batch holding --event-time-end (or now);
 * from --event-time-start if given, else from `begin` on a first run or full refresh (`incremental` false), else
 * `lookback` batches before the current one.
 */
export function planBatches(config: MicrobatchConfig, incremental: boolean, flags: BatchWindowFlags): Batch[] {
  const size = config.batchSize;
  const end = ceilingTimestamp(flags.eventTimeEnd ?? flags.now, size);
  let start: Date;
  if (flags.eventTimeStart) start = truncateTimestamp(flags.eventTimeStart, size);
  else if (!incremental) start = truncateTimestamp(config.begin, size);
  // The end is always on a boundary, so the batch ending there counts as well as the `lookback` before it.
  else start = offsetTimestamp(end, size, -(config.lookback + 1));
  const windows: [Date, Date][] = [[start, offsetTimestamp(start, size, 1)]];
  while (windows[windows.length - 1][1] < end) {
    const from = windows[windows.length - 1][1];
    windows.push([from, offsetTimestamp(from, size, 1)]);
  }
  windows[windows.length - 1][1] = end;
  return batchesOf(windows, size);
}

/** Batches of given windows (the failed batches of a previous run, for `retry`). */
export function batchesOf(windows: [Date, Date][], size: BatchSize): Batch[] {
  return windows.map(([start, end]) => ({ start, end, label: formatBatchStart(start, size), id: formatBatchStart(start, size).replace(/-/g, '') }));
}

/** `2024`, `2024-09`, `2024-09-17` or `2024-09-17T16`. */
function formatBatchStart(start: Date, size: BatchSize): string {
  const iso = start.toISOString();
  return { year: iso.slice(0, 4), month: iso.slice(0, 7), day: iso.slice(0, 10), hour: iso.slice(0, 13) }[size];
}

/** A UTC time as Python prints an aware datetime (`2024-09-17 00:00:00+00:00`): what dbt writes into SQL. */
function pythonUtc(time: Date): string {
  const iso = time.toISOString();
  const micros = time.getUTCMilliseconds() ? `.${iso.slice(20, 23)}000` : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micros}+00:00`;
}

/** An upstream relation read through a batch's window on its own `event_time` (dbt's event time filter). */
export function eventTimeFiltered(rendered: string, identifier: string | null, eventTime: string, batch: Pick<Batch, 'start' | 'end'>): string {
  return `(select * from ${rendered} where ${batchWindow(eventTime, batch)}) _dbt_et_filter_subq_${identifier ?? ''}`;
}

/** The rows of a batch's window: `event_time` from its start (included) to its end (excluded). */
function batchWindow(eventTime: string, batch: Pick<Batch, 'start' | 'end'>): string {
  return `${eventTime} >= '${pythonUtc(batch.start)}' and ${eventTime} < '${pythonUtc(batch.end)}'`;
}

/** dbt-duckdb's microbatch strategy: the batch's window is deleted from the table, then the new rows inserted. */
export function microbatchStatements(dialect: Dialect, target: Relation, staging: Relation, eventTime: string, batch: Batch, columns: string[]): string[] {
  const window = batchWindow(eventTime, batch);
  return [
    `delete from ${dialect.renderRelation(target)} where ${window}`,
    dialect.insertInto(target, `select * from ${dialect.renderRelation(staging)} where ${window}`, columns),
    dialect.drop(staging, 'table'),
  ];
}

/** What a microbatch model's batches came to: dbt's success, partial success or error. */
export function batchOutcome(successful: number, failed: number): { status: 'success' | 'partial success' | 'error'; message: string } {
  if (failed === 0) return { status: 'success', message: 'SUCCESS' };
  if (successful === 0) return { status: 'error', message: 'ERROR' };
  return { status: 'partial success', message: `PARTIAL SUCCESS (${successful}/${successful + failed})` };
}

/** Date.UTC carries an overflowing month, day or hour into the next unit, as the offsets need. */
function utc(year: number, month: number, day = 1, hour = 0): Date {
  return new Date(Date.UTC(year, month, day, hour));
}
