import type { InferredType, SeedCandidate, SeedSql, SeedType } from '../adapter';
import {
  acceptsCandidate,
  booleanCast,
  DATE_PATTERN,
  DATETIME_PATTERN,
  hasNoFraction,
  hasNoNumberExtras,
  ISO_DATETIME_PATTERN,
  nullWord,
  SEED_MISFIT,
  SPACES,
} from '../seed-patterns';
import { quoteIdentifier as quote } from '../standard-dialect';

/**
 * True when the value is null, a null word, or casts to `kind` and passes `guard`. Written as
 * CASE because DuckDB evaluates both sides of OR/AND for every row, while CASE only evaluates a
 * branch for the rows reaching it: the costly string work then only touches the rare misfits.
 * Dates and timestamps test their pattern first: a failed date or timestamp cast costs several
 * times a pattern match, and no null word matches a pattern (they need digits). Numbers cast first:
 * the double cast is cheap, and blank values, which are null words, pass their guard.
 */
function castsWithGuard(value: string, kind: 'double' | 'date' | 'timestamp', guard: string): string {
  const cast = `try_cast(${value} AS ${kind.toUpperCase()}) IS NOT NULL`;
  const [first, then] = kind === 'double' ? [cast, guard] : [guard, cast];
  return `CASE WHEN ${value} IS NULL THEN true WHEN ${first} THEN ${then} ELSE ${nullWord(value)} END`;
}

function matches(value: string, pattern: string): string {
  return `regexp_full_match(${value}, '${SPACES}${pattern}${SPACES}')`;
}

/**
 * `value` as `type` when `acceptsValue(candidate)` holds for it (and, for whole numbers, the value is whole and in
 * range of `type`), else NULL: the tests of inference for that one type, cheapest first.
 */
function castWhenAccepted(value: string, { type, candidate }: InferredType): string {
  switch (candidate) {
    case 'number':
      if (type === 'DOUBLE') return `CASE WHEN ${hasNoNumberExtras(value)} THEN try_cast(${value} AS DOUBLE) END`;
      return `CASE WHEN ${hasNoNumberExtras(value)} AND ${hasNoFraction(value)} AND try_cast(${value} AS DOUBLE) IS NOT NULL THEN try_cast(${value} AS ${type}) END`;
    case 'date':
      return `CASE WHEN ${matches(value, DATE_PATTERN)} THEN try_cast(${value} AS DATE) END`;
    case 'datetime':
      return `CASE WHEN ${matches(value, DATETIME_PATTERN)} THEN try_cast(${value} AS TIMESTAMP) END`;
    case 'iso':
      return `CASE WHEN ${matches(value, ISO_DATETIME_PATTERN)} THEN try_cast(${value} AS TIMESTAMP) END`;
    case 'boolean':
      return booleanCast(value);
    case undefined:
      return value;
  }
}

export const duckdbSeedSql: SeedSql = {
  acceptsValue(candidate: SeedCandidate, value: string): string {
    return acceptsCandidate(candidate, value, { castsWithGuard, matches });
  },

  // Values with a fraction are ruled out before any integer cast: rounding them is DuckDB's slow path.
  numberShapeAggregates(value: string, prefix: string): string[] {
    const asInteger = `CASE WHEN ${hasNoFraction(value)} THEN try_cast(${value} AS HUGEINT) END`;
    return [
      `bool_and(CASE WHEN ${value} IS NULL THEN true WHEN NOT (${hasNoFraction(value)}) THEN false ` +
        `WHEN try_cast(${value} AS HUGEINT) IS NOT NULL THEN true ELSE ${nullWord(value)} END) AS "${prefix}whole"`,
      `min(${asInteger}) AS "${prefix}min"`,
      `max(${asInteger}) AS "${prefix}max"`,
    ];
  },

  castExpression(value: string, type: SeedType): string {
    if (type === 'VARCHAR') return value;
    if (type === 'BOOLEAN') return booleanCast(value);
    return `try_cast(${value} AS ${type})`;
  },

  // coalesce evaluates its second argument only for the rows still NULL: error() runs for misfits alone.
  checkedCast(value: string, inferred: InferredType): string {
    if (inferred.candidate === undefined) return value;
    return `coalesce(${castWhenAccepted(value, inferred)}, CASE WHEN ${value} IS NULL OR ${nullWord(value)} THEN NULL ELSE error('${SEED_MISFIT}') END)`;
  },

  typeName: (type) => type,

  // A rowid range rather than LIMIT: DuckDB plans a LIMIT over thousands of columns far more slowly.
  sampleValues(source, columns, rows, columnAlias, valueAlias) {
    const list = columns.map(quote).join(', ');
    return `(UNPIVOT (SELECT ${list} FROM ${source} WHERE rowid < ${rows}) ON ${list} INTO NAME ${quote(columnAlias)} VALUE ${quote(valueAlias)})`;
  },
};
