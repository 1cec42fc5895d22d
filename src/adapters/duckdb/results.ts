import { DuckDBDecimalType, DuckDBResultReader, DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import type { QueryResult } from '../adapter';

/** A DOUBLE holds every decimal of up to 15 significant digits exactly. */
const MAX_EXACT_DECIMAL_WIDTH = 15;

const WIDE_INTEGER_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

type ValueFix = (value: string) => unknown;

/** Wide integers become numbers when exact (counts are BIGINT), otherwise stay strings. */
function integerFromString(value: string): unknown {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/**
 * The JSON reader already returns lossless values, but as strings for every BIGINT and DECIMAL;
 * turn top-level columns into numbers wherever that stays exact.
 */
function fixFor(type: DuckDBType): ValueFix | undefined {
  if (WIDE_INTEGER_TYPES.has(type.typeId)) return integerFromString;
  if (type instanceof DuckDBDecimalType && type.width <= MAX_EXACT_DECIMAL_WIDTH) return Number;
  return undefined;
}

export function toQueryResult(reader: DuckDBResultReader, limit?: number): QueryResult {
  const names = reader.deduplicatedColumnNames();
  const types = reader.columnTypes();
  const all = reader.getRowObjectsJson();
  const rows: Record<string, unknown>[] = limit === undefined ? all : all.slice(0, limit);
  names.forEach((name, i) => {
    const fix = fixFor(types[i]);
    if (!fix) return;
    for (const row of rows) {
      const value = row[name];
      if (typeof value === 'string') row[name] = fix(value);
    }
  });
  return { columns: names.map((name, i) => ({ name, type: types[i].toString() })), rows };
}
