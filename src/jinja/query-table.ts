import type { QueryResult } from '../adapters/adapter';

type Row = unknown[] & Record<string, unknown>;

/**
 * A query result shaped like the agate table dbt macros use: a list of rows (indexable by position and by column
 * name) that also has `.rows`, `.columns[i].values()` and `.column_names`. It is a real array so that
 * `{% for row in result %}` and `result[0][0]` work in nunjucks.
 */
export type QueryTable = Row[] & {
  rows: Row[];
  columns: { name: string; values(): unknown[] }[];
  column_names: string[];
};

export function toQueryTable(result: QueryResult): QueryTable {
  const names = result.columns.map((c) => c.name);
  const rows = result.rows.map((record) => {
    const row = names.map((name) => record[name]) as Row;
    for (const name of names) if (!(name in row)) row[name] = record[name];
    return row;
  });
  const table = rows as QueryTable;
  table.rows = rows;
  table.column_names = names;
  table.columns = names.map((name, i) => ({ name, values: () => rows.map((r) => r[i]) }));
  return table;
}
