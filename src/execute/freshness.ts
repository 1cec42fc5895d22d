import type { Connection } from '../adapters/adapter';
import { Relation } from '../jinja/relation';
import type { SourceTable } from '../project/types';
import { isPlainObject } from '../project/yaml-file';

export interface FreshnessThreshold {
  count: number;
  period: 'minute' | 'hour' | 'day';
}

export interface FreshnessCriteria {
  warn_after?: FreshnessThreshold;
  error_after?: FreshnessThreshold;
  filter?: string;
}

export interface FreshnessResult {
  uniqueId: string;
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  maxLoadedAt: string | null;
  snapshottedAt: string;
  ageSeconds: number | null;
  criteria: FreshnessCriteria;
  executionTime: number;
  message: string;
}

const PERIOD_SECONDS = { minute: 60, hour: 3600, day: 86400 };

/** The freshness a source table asks for: its own `freshness:` over its source's, `null` switching it off. */
export function freshnessOf(source: SourceTable): FreshnessCriteria | null {
  const config = source.config.freshness !== undefined ? source.config.freshness : source.freshness;
  if (!isPlainObject(config)) return null;
  const threshold = (value: unknown): FreshnessThreshold | undefined => {
    if (!isPlainObject(value) || value.count === undefined || value.count === null) return undefined;
    return { count: Number(value.count), period: String(value.period ?? 'hour') as FreshnessThreshold['period'] };
  };
  const criteria: FreshnessCriteria = { warn_after: threshold(config.warn_after), error_after: threshold(config.error_after) };
  if (typeof config.filter === 'string') criteria.filter = config.filter;
  return criteria.warn_after || criteria.error_after ? criteria : null;
}

/** Status for an age: error beyond error_after, warn beyond warn_after, else pass (as dbt compares). */
export function freshnessStatus(ageSeconds: number, criteria: FreshnessCriteria): 'pass' | 'warn' | 'error' {
  const beyond = (t?: FreshnessThreshold) => t !== undefined && ageSeconds > t.count * PERIOD_SECONDS[t.period];
  if (beyond(criteria.error_after)) return 'error';
  if (beyond(criteria.warn_after)) return 'warn';
  return 'pass';
}

/** Measures one source table's freshness: max(loaded_at_field) against the database's current time. */
export async function measureFreshness(conn: Connection, source: SourceTable, criteria: FreshnessCriteria): Promise<FreshnessResult> {
  const started = Date.now();
  const relation = source.externalLocation ?? new Relation(source.database, source.schema, source.identifier).render();
  const where = criteria.filter ? `\nwhere ${criteria.filter}` : '';
  const base = { uniqueId: source.uniqueId, criteria };
  try {
    const result = await conn.query(
      `select cast(max(${source.loadedAtField}) as timestamp) as max_loaded_at, cast(current_timestamp as timestamp) as snapshotted_at,\n` +
        `  epoch(cast(current_timestamp as timestamp)) - epoch(cast(max(${source.loadedAtField}) as timestamp)) as age\nfrom ${relation}${where}`,
    );
    const row = result.rows[0];
    const age = row.age === null || row.age === undefined ? null : Number(row.age);
    const status = age === null ? 'error' : freshnessStatus(age, criteria);
    const message = age === null ? 'no rows: max(loaded_at_field) is NULL' : status;
    return {
      ...base,
      status,
      maxLoadedAt: row.max_loaded_at === null ? null : String(row.max_loaded_at),
      snapshottedAt: String(row.snapshotted_at),
      ageSeconds: age,
      executionTime: (Date.now() - started) / 1000,
      message,
    };
  } catch (error) {
    return {
      ...base,
      status: 'runtime error',
      maxLoadedAt: null,
      snapshottedAt: new Date().toISOString(),
      ageSeconds: null,
      executionTime: (Date.now() - started) / 1000,
      message: (error as Error).message.split('\n')[0],
    };
  }
}
