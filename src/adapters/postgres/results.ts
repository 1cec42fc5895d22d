import type { FieldDef, QueryResult as PgResult } from 'pg';
import type { QueryResult } from '../adapter';

/** A double holds every decimal of up to 15 significant digits exactly. */
const MAX_EXACT_DIGITS = 15;

const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
};

const TYPE_NAMES = new Map<number, string>([
  [OID.bool, 'boolean'],
  [OID.int8, 'bigint'],
  [OID.int2, 'smallint'],
  [OID.int4, 'integer'],
  [OID.text, 'text'],
  [OID.float4, 'real'],
  [OID.float8, 'double precision'],
  [OID.bpchar, 'character'],
  [OID.varchar, 'character varying'],
  [OID.date, 'date'],
  [OID.time, 'time without time zone'],
  [OID.timestamp, 'timestamp without time zone'],
  [OID.timestamptz, 'timestamp with time zone'],
  [OID.interval, 'interval'],
  [OID.numeric, 'numeric'],
]);

/** Integers become numbers when exact (counts are bigint), otherwise stay strings. */
function exactNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  return text.replace(/[-.]/g, '').replace(/^0+/, '').length <= MAX_EXACT_DIGITS ? n : text;
}

/**
 * How column values are read from the wire text: JSON-safe as the DuckDB adapter returns them. Dates and
 * timestamps stay in Postgres' text form ('2024-01-31', '2024-01-31 12:00:00') instead of becoming local-time JS Dates.
 */
export function parserFor(oid: number): ((text: string) => unknown) | undefined {
  switch (oid) {
    case OID.int8:
    case OID.numeric:
      return exactNumber;
    case OID.date:
    case OID.time:
    case OID.timestamp:
    case OID.timestamptz:
    case OID.interval:
      return (text) => text;
    default:
      return undefined;
  }
}

/** Type OIDs of `fields` without a known name; the connection looks them up once (see rememberTypeNames). */
export function unknownTypes(result: PgResult | PgResult[]): number[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return [...new Set((last?.fields ?? []).map((f) => f.dataTypeID).filter((oid) => !TYPE_NAMES.has(oid)))];
}

/** Names of further types (from format_type), shared by every connection: OIDs of a server's types do not change. */
export function rememberTypeNames(names: Iterable<[number, string]>): void {
  for (const [oid, name] of names) TYPE_NAMES.set(oid, name);
}

function typeName(field: FieldDef): string {
  return TYPE_NAMES.get(field.dataTypeID) ?? 'text';
}

/** The last statement's result (a multi-statement query returns one per statement). */
export function toQueryResult(result: PgResult | PgResult[], limit?: number): QueryResult {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  const fields = last?.fields ?? [];
  const rows = (last?.rows ?? []) as Record<string, unknown>[];
  return { columns: fields.map((f) => ({ name: f.name, type: typeName(f) })), rows: limit === undefined ? rows : rows.slice(0, limit) };
}
