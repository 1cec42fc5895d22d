import { ProjectError } from '../../../src/errors';
import { dialectFor } from '../../../src/adapters/dialects';
import { incrementalStatements } from '../../../src/plan/incremental';
import {
  batchOutcome,
  ceilingTimestamp,
  eventTimeFiltered,
  eventTimeFlags,
  microbatchConfig,
  offsetTimestamp,
  parseTimestamp,
  planBatches,
  truncateTimestamp,
  type BatchSize,
  type MicrobatchConfig,
} from '../../../src/plan/microbatch';

const t = (text: string) => new Date(`${text}Z`);
const iso = (d: Date) => d.toISOString().replace('.000Z', '');
const node = { name: 'events_daily', file: 'models/events_daily.sql' };
const config = (batchSize: BatchSize, begin = '2024-09-01T00:00:00', lookback = 1): MicrobatchConfig => ({
  eventTime: 'occurred_at',
  begin: t(begin),
  batchSize,
  lookback,
});

describe('batch boundaries (dbt MicrobatchBuilder examples)', () => {
  const at = t('2024-09-17T16:06:00');
  test.each<[BatchSize, string, string, string, string]>([
    ['hour', '2024-09-17T16:00:00', '2024-09-17T15:00:00', '2024-09-17T17:00:00', '2024-09-17T17:00:00'],
    ['day', '2024-09-17T00:00:00', '2024-09-16T00:00:00', '2024-09-18T00:00:00', '2024-09-18T00:00:00'],
    ['month', '2024-09-01T00:00:00', '2024-08-01T00:00:00', '2024-10-01T00:00:00', '2024-10-01T00:00:00'],
    ['year', '2024-01-01T00:00:00', '2023-01-01T00:00:00', '2025-01-01T00:00:00', '2025-01-01T00:00:00'],
  ])('%s: truncate, offset -1 and +1, ceiling', (size, truncated, previous, next, ceiling) => {
    expect(iso(truncateTimestamp(at, size))).toBe(truncated);
    expect(iso(offsetTimestamp(at, size, -1))).toBe(previous);
    expect(iso(offsetTimestamp(at, size, 1))).toBe(next);
    expect(iso(ceilingTimestamp(at, size))).toBe(ceiling);
    expect(iso(ceilingTimestamp(t(truncated), size))).toBe(truncated);
  });

  test('months carry into the next year and back', () => {
    expect(iso(offsetTimestamp(t('2024-12-31T23:00:00'), 'month', 1))).toBe('2025-01-01T00:00:00');
    expect(iso(offsetTimestamp(t('2024-01-15T00:00:00'), 'month', -2))).toBe('2023-11-01T00:00:00');
  });
});

describe('planBatches', () => {
  const now = t('2024-09-17T16:06:00');

  test('first run: from begin (truncated) to the end of the current batch', () => {
    const batches = planBatches(config('day', '2024-09-14T12:00:00'), false, { now });
    expect(batches.map((b) => [iso(b.start), iso(b.end), b.id, b.label])).toEqual([
      ['2024-09-14T00:00:00', '2024-09-15T00:00:00', '20240914', '2024-09-14'],
      ['2024-09-15T00:00:00', '2024-09-16T00:00:00', '20240915', '2024-09-15'],
      ['2024-09-16T00:00:00', '2024-09-17T00:00:00', '20240916', '2024-09-16'],
      ['2024-09-17T00:00:00', '2024-09-18T00:00:00', '20240917', '2024-09-17'],
    ]);
  });

  test('incremental run: the current batch and `lookback` before it', () => {
    expect(planBatches(config('day'), true, { now }).map((b) => b.label)).toEqual(['2024-09-16', '2024-09-17']);
    expect(planBatches(config('hour', undefined, 3), true, { now }).map((b) => b.label)).toEqual([
      '2024-09-17T13',
      '2024-09-17T14',
      '2024-09-17T15',
      '2024-09-17T16',
    ]);
    expect(planBatches(config('day', undefined, 0), true, { now }).map((b) => b.label)).toEqual(['2024-09-17']);
  });

  test('--event-time-start/-end win over begin and lookback; the end is rounded up to a batch boundary', () => {
    const flags = { now, eventTimeStart: t('2024-09-02T05:00:00'), eventTimeEnd: t('2024-09-03T01:00:00') };
    for (const incremental of [false, true]) {
      expect(planBatches(config('day'), incremental, flags).map((b) => [iso(b.start), iso(b.end)])).toEqual([
        ['2024-09-02T00:00:00', '2024-09-03T00:00:00'],
        ['2024-09-03T00:00:00', '2024-09-04T00:00:00'],
      ]);
    }
  });

  test('month and year batches', () => {
    expect(planBatches(config('month', '2024-06-20T00:00:00'), false, { now }).map((b) => b.label)).toEqual(['2024-06', '2024-07', '2024-08', '2024-09']);
    expect(planBatches(config('year', '2022-03-01T00:00:00'), false, { now }).map((b) => b.id)).toEqual(['2022', '2023', '2024']);
  });
});

const valid = { materialized: 'incremental', incremental_strategy: 'microbatch', event_time: 'occurred_at', begin: '2024-01-01', batch_size: 'day' };

describe('microbatchConfig', () => {
  test('reads the configs, lookback defaulting to 1', () => {
    expect(microbatchConfig(valid, node)).toEqual({ eventTime: 'occurred_at', begin: t('2024-01-01T00:00:00'), batchSize: 'day', lookback: 1 });
    expect(microbatchConfig({ ...valid, lookback: 3, begin: new Date('2024-02-01T00:00:00Z') }, node).lookback).toBe(3);
  });

  test.each([
    [{ event_time: undefined }, "Microbatch model 'events_daily' must provide an 'event_time' (string) config"],
    [{ begin: undefined }, "Microbatch model 'events_daily' must provide a 'begin' (datetime) config"],
    [{ begin: 'yesterday' }, "must provide a 'begin' (datetime) config"],
    [{ batch_size: 'week' }, "must provide a 'batch_size' config that is one of [hour, day, month, year]. Got: week."],
    [{ lookback: 'two' }, "must provide the optional 'lookback' config as type int"],
    [{ unique_key: 'id' }, "microbatch incremental strategy does not support 'unique_key'"],
  ])('%o is refused with dbt’s message and the model file', (change, message) => {
    let error: unknown;
    try {
      microbatchConfig({ ...valid, ...change }, node);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).describe()).toContain(`models/events_daily.sql: `);
    expect((error as ProjectError).message).toContain(message);
  });
});

test('the error points at the line of the model naming the config, or else its strategy', () => {
  const sql = "{{ config(\n  materialized='incremental',\n  incremental_strategy='microbatch',\n  batch_size='week',\n) }}\nselect 1";
  const at = (change: Record<string, unknown>) => {
    try {
      microbatchConfig({ ...valid, ...change }, { ...node, sql });
    } catch (e) {
      return (e as ProjectError).location;
    }
  };
  expect(at({ batch_size: 'week' })).toEqual({ file: 'models/events_daily.sql', line: 4 });
  expect(at({ begin: undefined })).toEqual({ file: 'models/events_daily.sql', line: 3 });
});

test('timestamps: dates, times, offsets; anything else is not one', () => {
  expect(iso(parseTimestamp('2024-01-02')!)).toBe('2024-01-02T00:00:00');
  expect(iso(parseTimestamp('2024-01-02 03:04:05')!)).toBe('2024-01-02T03:04:05');
  expect(iso(parseTimestamp('2024-01-02T03:04:05+02:00')!)).toBe('2024-01-02T01:04:05');
  expect(parseTimestamp('2024/01/02')).toBeUndefined();
  expect(parseTimestamp(20240102)).toBeUndefined();
});

test('--event-time-start and --event-time-end go together, start first', () => {
  expect(eventTimeFlags(undefined, undefined)).toEqual({});
  expect(eventTimeFlags('2024-01-01', '2024-01-03')).toEqual({ eventTimeStart: t('2024-01-01T00:00:00'), eventTimeEnd: t('2024-01-03T00:00:00') });
  expect(() => eventTimeFlags('2024-01-01', undefined)).toThrow('When specifying `--event-time-start`, `--event-time-end` must also be present.');
  expect(() => eventTimeFlags(undefined, '2024-01-01')).toThrow('When specifying `--event-time-end`, `--event-time-start` must also be present.');
  expect(() => eventTimeFlags('2024-01-03', '2024-01-01')).toThrow('Value for `--event-time-start` must be less than `--event-time-end`');
});

test('an upstream relation is read through the batch window, as dbt renders its event time filter', () => {
  const batch = { start: t('2024-09-17T00:00:00'), end: t('2024-09-18T00:00:00') };
  expect(eventTimeFiltered('"db"."main"."stg_events"', 'stg_events', 'occurred_at', batch)).toBe(
    `(select * from "db"."main"."stg_events" where occurred_at >= '2024-09-17 00:00:00+00:00' and occurred_at < '2024-09-18 00:00:00+00:00') _dbt_et_filter_subq_stg_events`,
  );
});

test("a batch applies as dbt-duckdb's microbatch strategy: the window deleted, the staged rows of the window inserted", () => {
  const target = { database: 'db', schema: 'main', identifier: 'events_daily' };
  const staging = { ...target, identifier: 'events_daily__dbt_tmp' };
  const columns = [
    { name: 'id', dataType: 'INTEGER' },
    { name: 'occurred_at', dataType: 'TIMESTAMP' },
  ];
  const batch = { start: t('2024-09-17T00:00:00'), end: t('2024-09-18T00:00:00'), id: '20240917', label: '2024-09-17' };
  const statements = incrementalStatements(dialectFor('duckdb'), target, staging, {
    node,
    config: { incremental_strategy: 'microbatch' },
    targetColumns: columns,
    newColumns: columns,
    batch: { batch, eventTime: 'occurred_at' },
  });
  const window = `occurred_at >= '2024-09-17 00:00:00+00:00' and occurred_at < '2024-09-18 00:00:00+00:00'`;
  expect(statements).toEqual([
    `delete from "db"."main"."events_daily" where ${window}`,
    `INSERT INTO "db"."main"."events_daily" ("id", "occurred_at")\nSELECT "id", "occurred_at" FROM (\nselect * from "db"."main"."events_daily__dbt_tmp" where ${window}\n) AS dbt_internal_source`,
    'DROP TABLE IF EXISTS "db"."main"."events_daily__dbt_tmp" CASCADE',
  ]);
});

test('the outcome of the batches: success, partial success or error', () => {
  expect(batchOutcome(3, 0)).toEqual({ status: 'success', message: 'SUCCESS' });
  expect(batchOutcome(2, 1)).toEqual({ status: 'partial success', message: 'PARTIAL SUCCESS (2/3)' });
  expect(batchOutcome(0, 3)).toEqual({ status: 'error', message: 'ERROR' });
});
