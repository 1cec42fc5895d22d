import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryResult } from '../adapters/adapter';
import { asFloat, isMapping, pyStr, pyTuple, splitCallArgs } from './compat';
import { PyDateTime, fromSqlText } from './python-datetime';

type Row = unknown[] & Record<string, unknown>;

/**
 * agate's Row for a table's columns: a sequence of values, also read as a mapping by column name (`row['id']`,
 * `row.keys()`, `row.values()`, `row.items()`, `row.get()`, `row.dict()`, `dict(row)`). Derived arrays are plain lists.
 */
function rowClass(names: string[]) {
  class AgateRow extends Array<unknown> {
    static get [Symbol.species](): ArrayConstructor {
      return Array;
    }
  }
  // agate's names shadow Array's iterator methods of the same names (keys, values), as the columns' do.
  const methods: Record<string, (this: unknown[], ...args: unknown[]) => unknown> = {
    keys: () => [...names],
    values() {
      return Array.from(this);
    },
    items() {
      return names.map((name, i) => pyTuple([name, this[i]]));
    },
    dict() {
      return Object.fromEntries(names.map((name, i) => [name, this[i]]));
    },
    get(key, fallback = null) {
      const index = typeof key === 'number' ? key : names.indexOf(String(key));
      return index >= 0 && index < this.length ? this[index] : fallback;
    },
  };
  for (const [name, value] of Object.entries(methods)) Object.defineProperty(AgateRow.prototype, name, { value });
  return AgateRow;
}

/**
 * A query result shaped like the agate table dbt macros use: a list of rows (indexable by position and by column
 * name) that also has `.rows`, `.columns[i].values()` and `.column_names`. It is a real array so that
 * `{% for row in result %}` and `result[0][0]` work in nunjucks.
 */
interface Column {
  name: string;
  values(): unknown[];
}

/** agate's MappedSequence: columns by position and by name, with `keys()`, `values()` and `items()`. */
type Columns = Column[] & { [name: string]: unknown };

export type QueryTable = Row[] & {
  rows: Row[];
  columns: Columns;
  column_names: string[];
  /** agate's Table.rename: new column names, as a list by position or a mapping from old names. */
  rename(...args: unknown[]): QueryTable;
  /** agate's Table.to_csv: the column names, then the rows, written to the file at `path`. */
  to_csv(path: unknown): null;
};

/** A CSV field as agate writes it: none empty, dates ISO, quoted when it holds a comma, quote or line break (csv.QUOTE_MINIMAL). */
function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof PyDateTime ? value.isoformat() : pyStr(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Floating-point column types (DuckDB's and PostgreSQL's names), whose values are Python floats in dbt. */
const FLOAT_TYPE = /^(double|float|float4|float8|real|double precision)$/i;
const DATE_TYPE = /^date$/i;
const TIMESTAMP_TYPE = /^(timestamp(_s|_ms|_ns)?|timestamptz|timestamp with(out)? time zone|datetime)$/i;

/** A column's values as dbt's agate tables hold them: floats as floats, dates and timestamps as Python's. */
function converterFor(type: string): ((value: unknown) => unknown) | undefined {
  if (FLOAT_TYPE.test(type)) return (value) => (typeof value === 'number' ? asFloat(value) : value);
  const dateOnly = DATE_TYPE.test(type);
  if (dateOnly || TIMESTAMP_TYPE.test(type)) return (value) => (typeof value === 'string' ? (fromSqlText(value, dateOnly) ?? value) : value);
  return undefined;
}

export function toQueryTable(result: QueryResult): QueryTable {
  const names = result.columns.map((c) => c.name);
  const converters = new Map(result.columns.map((c) => [c.name, converterFor(c.type)]));
  const valueOf = (record: Record<string, unknown>, name: string) => {
    const convert = converters.get(name);
    return convert ? convert(record[name]) : record[name];
  };
  const AgateRow = rowClass(names);
  const rows = result.rows.map((record) => {
    const row = AgateRow.from(names, (name) => valueOf(record, name)) as Row;
    for (const name of names) if (!(name in row)) row[name] = valueOf(record, name);
    return row;
  });
  const table = rows as QueryTable;
  table.rows = rows;
  table.column_names = names;
  const columns = names.map((name, i) => ({ name, values: () => rows.map((r) => r[i]) })) as Columns;
  columns.forEach((column) => {
    if (!(column.name in columns)) columns[column.name] = column;
  });
  // Own properties shadow Array's iterator methods of the same names, as agate's answer lists.
  Object.assign(columns, { keys: () => [...names], values: () => columns.slice(), items: () => names.map((name, i) => [name, columns[i]]) });
  table.columns = columns;
  Object.defineProperty(table, 'to_csv', {
    value: (...raw: unknown[]) => {
      const { args, kwargs } = splitCallArgs(raw);
      const file = String(args[0] ?? kwargs.path);
      if (path.dirname(file) !== '.') mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, [names, ...rows].map((row) => row.map(csvField).join(',') + '\n').join(''));
      return null;
    },
  });
  Object.defineProperty(table, 'rename', {
    value: (...raw: unknown[]) => {
      const { args, kwargs } = splitCallArgs(raw);
      const renames = args[0] ?? kwargs.column_names;
      const renamed = names.map((name, i) =>
        Array.isArray(renames) ? String(renames[i] ?? name) : isMapping(renames) && name in renames ? String(renames[name]) : name,
      );
      // Values are converted already (floats marked), so the new table takes them as they are.
      return toQueryTable({
        columns: renamed.map((name) => ({ name, type: '' })),
        rows: rows.map((row) => Object.fromEntries(renamed.map((name, i) => [name, row[i]]))),
      });
    },
  });
  return table;
}
