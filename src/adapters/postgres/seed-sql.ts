import type { SeedCandidate, SeedSql, SeedType } from '../adapter';
import { acceptsCandidate, SPACES, booleanCast, hasNoFraction, nullWord } from '../seed-patterns';
import { quoteIdentifier as quote, quoteLiteral as literal } from '../standard-dialect';

const TYPE_NAMES: Record<SeedType, string> = {
  INTEGER: 'integer',
  BIGINT: 'bigint',
  HUGEINT: 'numeric(38, 0)',
  DOUBLE: 'double precision',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  BOOLEAN: 'boolean',
  VARCHAR: 'text',
};

/** Types a seed value is tried as; each gets a `pg_temp.tsdbt_try_<name>` function (see tryCastFunctions). */
const TRY_TYPES = { double: 'double precision', date: 'date', timestamp: 'timestamp', numeric: 'numeric' };
type TryType = keyof typeof TRY_TYPES;

/**
 * Postgres 15 has no try_cast: these session-local functions return NULL where a cast would fail, which is what
 * DuckDB's try_cast does, so inference accepts exactly the same values on both engines.
 */
export function tryCastFunctions(): string {
  return Object.entries(TRY_TYPES)
    .map(
      ([name, type]) =>
        `CREATE OR REPLACE FUNCTION pg_temp.tsdbt_try_${name}(value text) RETURNS ${type} LANGUAGE plpgsql IMMUTABLE AS $$\n` +
        `BEGIN RETURN value::${type}; EXCEPTION WHEN others THEN RETURN NULL; END $$`,
    )
    .join(';\n');
}

function tryCast(value: string, type: TryType): string {
  return `pg_temp.tsdbt_try_${type}(${value})`;
}

function castsWithGuard(value: string, type: TryType, guard: string): string {
  return `CASE WHEN ${value} IS NULL THEN true WHEN ${tryCast(value, type)} IS NOT NULL THEN ${guard} ELSE ${nullWord(value)} END`;
}

function matches(value: string, pattern: string): string {
  return `(${value} ~ '^${SPACES}${pattern}${SPACES}$')`;
}

export const postgresSeedSql: SeedSql = {
  acceptsValue(candidate: SeedCandidate, value: string): string {
    return acceptsCandidate(candidate, value, { castsWithGuard, matches });
  },

  numberShapeAggregates(value: string, prefix: string): string[] {
    const asInteger = `CASE WHEN ${hasNoFraction(value)} THEN ${tryCast(value, 'numeric')} END`;
    return [
      `bool_and(CASE WHEN ${value} IS NULL THEN true WHEN NOT (${hasNoFraction(value)}) THEN false ` +
        `WHEN ${tryCast(value, 'numeric')} IS NOT NULL THEN true ELSE ${nullWord(value)} END) AS "${prefix}whole"`,
      `min(${asInteger}) AS "${prefix}min"`,
      `max(${asInteger}) AS "${prefix}max"`,
    ];
  },

  castExpression(value: string, type: SeedType): string {
    switch (type) {
      case 'VARCHAR':
        return value;
      case 'BOOLEAN':
        return booleanCast(value);
      case 'DOUBLE':
        return tryCast(value, 'double');
      case 'DATE':
        return tryCast(value, 'date');
      case 'TIMESTAMP':
        return tryCast(value, 'timestamp');
      default:
        return `CAST(${tryCast(value, 'numeric')} AS ${TYPE_NAMES[type]})`;
    }
  },

  typeName: (type) => TYPE_NAMES[type],

  sampleValues(source, columns, rows, columnAlias, valueAlias) {
    const pairs = columns.map((name) => `(${literal(name)}, sample.${quote(name)})`).join(', ');
    return (
      `(SELECT unpivoted.* FROM (SELECT * FROM ${source} LIMIT ${rows}) AS sample\n` +
      `CROSS JOIN LATERAL (VALUES ${pairs}) AS unpivoted(${quote(columnAlias)}, ${quote(valueAlias)})) AS sample_values`
    );
  },
};
