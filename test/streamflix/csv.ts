import { readFileSync } from 'node:fs';
import { splitCsvRecords } from '../../src/unit-tests/csv';

/** Reads a header-row CSV (RFC 4180 quoting) into one record per row, every value as its exact text. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...body] = splitCsvRecords(readFileSync(path, 'utf8'));
  return body.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

/** Splits CSV text into rows of raw field text (no trimming), to see the exact bytes of each value. */
export const parseCsv = splitCsvRecords;
