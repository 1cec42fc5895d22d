import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';

/** A raw CSV row: its exact line (to spot byte-identical duplicates) and its fields by column. */
export interface RawRow {
  line: string;
  fields: Record<string, string>;
}

export function readRawRows(seedsDir: string, table: 'raw_users' | 'raw_subscriptions' | 'raw_payments'): RawRow[] {
  const [headerLine, ...lines] = readFileSync(join(seedsDir, `${table}.csv`), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const header = parseCsv(headerLine)[0];
  return lines.map((line) => {
    const values = parseCsv(line)[0];
    return { line, fields: Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])) };
  });
}

/** Rows whose exact line appeared earlier in the file. */
export function exactDuplicates(rows: RawRow[]): RawRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.line) ? true : (seen.add(row.line), false)));
}
