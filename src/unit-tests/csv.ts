import { parse } from 'csv-parse/sync';

/**
 * Parses CSV text into records keyed by the header (RFC 4180 quoting). Empty fields become null, as dbt reads CSV
 * fixtures; every other value stays text, to be cast to the column's type later.
 */
export function parseCsvRows(text: string): Record<string, string | null>[] {
  const records = splitCsvRecords(text.trim()).map((fields) => fields.map((f) => f.trim()));
  if (records.length === 0) return [];
  const header = records[0];
  return records.slice(1).map((fields) => {
    const row: Record<string, string | null> = {};
    header.forEach((name, i) => {
      const value = fields[i];
      row[name] = value === undefined || value === '' ? null : value;
    });
    return row;
  });
}

/** Splits CSV text into records of raw field text (RFC 4180 quoting, LF or CRLF), skipping blank lines. */
export function splitCsvRecords(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
}
