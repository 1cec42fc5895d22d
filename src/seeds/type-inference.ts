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
 * HUGEINT instead of failing to load.
 */

export type Candidate = 'number' | 'date' | 'datetime' | 'iso' | 'boolean';

export const CANDIDATES: readonly Candidate[] = ['number', 'date', 'datetime', 'iso', 'boolean'];

// DuckDB's casts accept more than agate does ('2020/01/02' as a date, a date alone as a timestamp),
// so a pattern narrows what a successful cast may look like. Casts run first: they are cheap and
// leave the pattern to the values that could be dates at all.
const SPACES = ' *';
const DATE = '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}';
const DATETIME = `${DATE} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}`;
const ISO_DATETIME = String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?`;

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const NULL_WORD = (value: string): string => `lower(trim(${value})) IN ('', 'null')`;

/**
 * True when the value is null, a null word, or casts to `type` and passes `guard`. Written as
 * CASE because DuckDB evaluates both sides of OR/AND for every row, while CASE only evaluates a
 * branch for the rows reaching it: the costly string work then only touches the rare misfits.
 */
function castsWithGuard(value: string, type: string, guard: string): string {
  return (
    `CASE WHEN ${value} IS NULL THEN true ` +
    `WHEN try_cast(${value} AS ${type}) IS NOT NULL THEN ${guard} ` +
    `ELSE ${NULL_WORD(value)} END`
  );
}

function matches(value: string, pattern: string): string {
  return `regexp_full_match(${value}, '${SPACES}${pattern}${SPACES}')`;
}

/** Letters and separators DuckDB's DOUBLE cast accepts but agate does not: nan, inf(inity), 1_000. */
function hasNoNumberExtras(value: string): string {
  return `strpos(${value}, '_') + strpos(${value}, 'n') + strpos(${value}, 'N') = 0`;
}

function hasNoFraction(value: string): string {
  return `strpos(${value}, '.') + strpos(${value}, 'e') + strpos(${value}, 'E') = 0`;
}

/** SQL that is true when the value is null or parses as `candidate`. */
export function acceptsValue(candidate: Candidate, value: string): string {
  switch (candidate) {
    case 'number':
      return castsWithGuard(value, 'DOUBLE', hasNoNumberExtras(value));
    case 'date':
      return castsWithGuard(value, 'DATE', matches(value, DATE));
    case 'datetime':
      return castsWithGuard(value, 'TIMESTAMP', matches(value, DATETIME));
    case 'iso':
      return castsWithGuard(value, 'TIMESTAMP', matches(value, ISO_DATETIME));
    case 'boolean':
      return `CASE WHEN ${value} IS NULL THEN true ELSE lower(trim(${value})) IN ('true', 'false', '', 'null') END`;
  }
}

/**
 * Aggregates (named `${prefix}...`) that size an all-number column: whole numbers? which range?
 * Values with a fraction are ruled out before any integer cast: rounding them is DuckDB's slow path.
 */
export function numberShapeAggregates(value: string, prefix: string): string[] {
  const asInteger = `CASE WHEN ${hasNoFraction(value)} THEN try_cast(${value} AS HUGEINT) END`;
  return [
    `bool_and(CASE WHEN ${value} IS NULL THEN true WHEN NOT (${hasNoFraction(value)}) THEN false ` +
      `WHEN try_cast(${value} AS HUGEINT) IS NOT NULL THEN true ELSE ${NULL_WORD(value)} END) AS "${prefix}whole"`,
    `min(${asInteger}) AS "${prefix}min"`,
    `max(${asInteger}) AS "${prefix}max"`,
  ];
}

export interface NumberShape {
  whole: boolean;
  min: string | number | null;
  max: string | number | null;
}

export function numberType(shape: NumberShape): string {
  if (!shape.whole) return 'DOUBLE';
  if (shape.min === null || shape.max === null) return 'INTEGER';
  const lo = BigInt(shape.min);
  const hi = BigInt(shape.max);
  if (lo >= INT32.min && hi <= INT32.max) return 'INTEGER';
  if (lo >= INT64.min && hi <= INT64.max) return 'BIGINT';
  return 'HUGEINT';
}

export function candidateType(candidate: Exclude<Candidate, 'number'>): string {
  return { date: 'DATE', datetime: 'TIMESTAMP', iso: 'TIMESTAMP', boolean: 'BOOLEAN' }[candidate];
}

/**
 * SQL turning the raw text into the inferred type. Inference accepted a column only if every
 * value is null, a null word, or casts with this very expression, so nothing is lost here.
 */
export function castExpression(value: string, type: string): string {
  if (type === 'VARCHAR') return value;
  if (type === 'BOOLEAN') return `CASE lower(trim(${value})) WHEN 'true' THEN true WHEN 'false' THEN false END`;
  return `try_cast(${value} AS ${type})`;
}
