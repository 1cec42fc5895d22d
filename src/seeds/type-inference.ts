/**
 * dbt's seed type inference (agate's type tester as configured by dbt), done in SQL over the raw
 * text so a million rows take a second instead of minutes in a row loop. A column gets the first
 * of these types that accepts every non-null value, else text:
 *   number   -> INTEGER when no value has a fraction or exponent, else DOUBLE   (dbt: integer / float8)
 *   date     -> DATE        'YYYY-MM-DD'
 *   datetime -> TIMESTAMP   'YYYY-MM-DD HH:MM:SS'
 *   iso      -> TIMESTAMP   ISO 8601 'YYYY-MM-DDTHH:MM[:SS[.f]][Z|+hh:mm]'
 *   boolean  -> BOOLEAN     'true' / 'false', any case
 *   text     -> VARCHAR
 * Null is an empty value or the word 'null' (any case, surrounding spaces ignored); a column
 * with no values at all is INTEGER, as in dbt. Integers too large for INTEGER widen to BIGINT or
 * HUGEINT instead of failing to load. The engines' SQL for these checks lives with their dialects (`Dialect.seed`).
 */

import type { SeedCandidate, SeedType } from '../adapters/adapter';

export type Candidate = SeedCandidate;

export const CANDIDATES: readonly Candidate[] = ['number', 'date', 'datetime', 'iso', 'boolean'];

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

export interface NumberShape {
  whole: boolean;
  min: string | number | null;
  max: string | number | null;
}

export function numberType(shape: NumberShape): SeedType {
  if (!shape.whole) return 'DOUBLE';
  if (shape.min === null || shape.max === null) return 'INTEGER';
  const lo = BigInt(shape.min);
  const hi = BigInt(shape.max);
  if (lo >= INT32.min && hi <= INT32.max) return 'INTEGER';
  if (lo >= INT64.min && hi <= INT64.max) return 'BIGINT';
  return 'HUGEINT';
}

export function candidateType(candidate: Exclude<Candidate, 'number'>): SeedType {
  const types: Record<Exclude<Candidate, 'number'>, SeedType> = { date: 'DATE', datetime: 'TIMESTAMP', iso: 'TIMESTAMP', boolean: 'BOOLEAN' };
  return types[candidate];
}
