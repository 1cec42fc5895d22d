import { cellText as tableCell, columnsText } from '../report/table';

/** One row found on one side only: an expected row the model did not return, or a returned row not expected. */
export interface DiffRow {
  side: 'expected' | 'actual';
  values: unknown[];
}

const MARK = { expected: '---', actual: '+++' } as const;

/**
 * A table of the rows that differ, in the spirit of dbt's diff: `---` rows were expected but not returned, `+++` rows
 * were returned but not expected. Rows are sorted by value so that a changed row shows its two versions together.
 */
export function formatRowDiff(columns: string[], rows: DiffRow[]): string {
  const cells = [...rows]
    .map((row) => ({ side: row.side, text: row.values.map(cellText) }))
    .sort((a, b) => compareCells(a.text, b.text) || (a.side === b.side ? 0 : a.side === 'expected' ? -1 : 1));
  const table = [['@@', ...columns], ...cells.map((row) => [MARK[row.side], ...row.text])];
  const missing = rows.filter((r) => r.side === 'expected').length;
  const extra = rows.length - missing;
  return [
    'actual differs from expected:',
    '',
    columnsText(table),
    '',
    `${missing} expected row${missing === 1 ? '' : 's'} missing (---), ${extra} unexpected row${extra === 1 ? '' : 's'} returned (+++)`,
  ].join('\n');
}

const cellText = (value: unknown) => tableCell(value, 'NULL');

function compareCells(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = a[i].localeCompare(b[i], 'en', { numeric: true });
    if (order !== 0) return order;
  }
  return 0;
}
