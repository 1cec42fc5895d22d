import Table from 'cli-table3';
import type { QueryResult } from '../adapters/adapter';

/** A markdown-like grid, as dbt prints rows: `| a | b |`, a rule under the header, no outer frame. */
const GRID = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '|',
  'left-mid': '|',
  mid: '-',
  'mid-mid': '|',
  right: '|',
  'right-mid': '|',
  middle: '|',
};

/** Columns only, separated by ` | `: the shape of a row diff. */
const COLUMNS_ONLY = { ...Object.fromEntries(Object.keys(GRID).map((k) => [k, ''])), middle: ' | ' };

const NUMERIC = /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC|HUGEINT/i;

export function cellText(value: unknown, nullText = ''): string {
  if (value === null || value === undefined) return nullText;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Rows as a text table. Widths are measured in terminal columns (CJK characters take two) and a cell holding line breaks
 * spans several lines, so the columns stay aligned.
 */
export function textTable(header: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const table = new Table({
    head: header,
    chars: GRID,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: header.map((_, i) => (rightAligned[i] ? 'right' : 'left')),
  });
  table.push(...rows);
  return table.toString();
}

/** Lines of cells separated by ` | `, aligned in terminal columns, with no frame and no trailing blanks. */
export function columnsText(rows: string[][]): string {
  const table = new Table({ chars: COLUMNS_ONLY, style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 } });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** A query result as a text table, numbers right-aligned. */
export function renderTable(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  return textTable(
    names,
    result.rows.map((row) => names.map((n) => cellText(row[n]))),
    result.columns.map((c) => NUMERIC.test(c.type)),
  );
}
