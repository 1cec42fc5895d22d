import type { Dialect } from './adapter';
import { duckdbDialect } from './duckdb/dialect';
import { postgresDialect } from './postgres/dialect';

/** SQL builders by profile type; pure text, so parsing and compiling need no driver. */
const DIALECTS: Record<string, Dialect> = { duckdb: duckdbDialect, postgres: postgresDialect };

export const SUPPORTED_TYPES = Object.keys(DIALECTS);

export function dialectFor(type: string): Dialect {
  const dialect = DIALECTS[type];
  if (!dialect) throw new Error(`no SQL dialect for adapter type '${type}'`);
  return dialect;
}
