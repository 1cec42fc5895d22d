import type { SeedCandidate } from './adapter';

/**
 * What seed values look like, shared by every engine's SQL so a seed gets the same types everywhere. A cast accepts
 * more than agate does ('2020/01/02' as a date, a date alone as a timestamp), so a value must also match its pattern.
 */
export const SPACES = ' *';
export const DATE_PATTERN = '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}';
export const DATETIME_PATTERN = `${DATE_PATTERN} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}`;
export const ISO_DATETIME_PATTERN = String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?`;

/** In the message of a query failed by `SeedSql.checkedCast`: a value the sampled type does not accept. */
export const SEED_MISFIT = 'seed value outside the type inferred from the sample';

/** Null is an empty value or the word 'null', any case, surrounding spaces ignored. */
export const nullWord = (value: string): string => `lower(trim(${value})) IN ('', 'null')`;

/** Letters and separators a float cast accepts but agate does not: nan, inf(inity), 1_000. */
export function hasNoNumberExtras(value: string): string {
  return `strpos(${value}, '_') + strpos(${value}, 'n') + strpos(${value}, 'N') = 0`;
}

export function hasNoFraction(value: string): string {
  return `strpos(${value}, '.') + strpos(${value}, 'e') + strpos(${value}, 'E') = 0`;
}

export function booleanAccepts(value: string): string {
  return `CASE WHEN ${value} IS NULL THEN true ELSE lower(trim(${value})) IN ('true', 'false', '', 'null') END`;
}

export function booleanCast(value: string): string {
  return `CASE lower(trim(${value})) WHEN 'true' THEN true WHEN 'false' THEN false END`;
}

/** How an engine writes the two tests seed inference is made of (its cast without failure, its regex match). */
export interface SeedValueTests {
  /** True when the value is null, a null word, or casts to `kind` and passes `guard`. */
  castsWithGuard(value: string, kind: 'double' | 'date' | 'timestamp', guard: string): string;
  /** True when the value, spaces around it allowed, matches `pattern` whole. */
  matches(value: string, pattern: string): string;
}

/** The SQL condition under which `value` fits `candidate`: the same rules on every engine, in its own SQL. */
export function acceptsCandidate(candidate: SeedCandidate, value: string, tests: SeedValueTests): string {
  switch (candidate) {
    case 'number':
      return tests.castsWithGuard(value, 'double', hasNoNumberExtras(value));
    case 'date':
      return tests.castsWithGuard(value, 'date', tests.matches(value, DATE_PATTERN));
    case 'datetime':
      return tests.castsWithGuard(value, 'timestamp', tests.matches(value, DATETIME_PATTERN));
    case 'iso':
      return tests.castsWithGuard(value, 'timestamp', tests.matches(value, ISO_DATETIME_PATTERN));
    case 'boolean':
      return booleanAccepts(value);
  }
}
