import { quoteIdentifier as quote } from '../adapters/standard-dialect';
import { ProjectError } from '../errors';
import { PyFloat } from '../jinja/compat/python-values';
import type { SourceLocation } from '../project/types';

/** A column of a fixture; `type` null when nothing tells it (the relation does not exist and YAML gives no data_type). */
export interface FixtureColumn {
  name: string;
  type: string | null;
}

/** Where rows come from, for messages: `ref('stg_users')`, `expected output`. */
export interface FixtureContext {
  label: string;
  location: SourceLocation;
  /** Rows from CSV hold text only, so their types are guessed from the text (dict rows carry YAML types). */
  fromCsv: boolean;
}

/**
 * A literal select of `rows`. With known columns, every row gets every column (NULL of the column's type where the
 * row does not say), as dbt does, so that the model sees the whole relation; otherwise the columns are the ones the
 * rows name, typed from their values.
 */
export function fixtureSelect(rows: Record<string, unknown>[], known: FixtureColumn[], context: FixtureContext): string {
  const inferred = inferColumns(rows, context);
  const guessed = new Map(inferred.map((c) => [c.name.toLowerCase(), c.type]));
  const columns = known.length > 0 ? known.map((c) => ({ name: c.name, type: c.type ?? guessed.get(c.name.toLowerCase()) ?? null })) : inferred;
  if (columns.length === 0) {
    throw new ProjectError(
      `cannot tell the columns of ${context.label}: it has no rows and its relation does not exist`,
      context.location,
      'build the input first (e.g. tsdbt run --empty), declare its columns with data_type in YAML, or give at least one row',
    );
  }
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const selects = rows.map((row) => {
    const values = new Map<string, unknown>();
    for (const [key, value] of Object.entries(row)) {
      if (!byName.has(key.toLowerCase())) {
        throw new ProjectError(
          `column '${key}' in the rows of ${context.label} is not a column of it`,
          context.location,
          `its columns are: ${columns.map((c) => c.name).join(', ')}`,
        );
      }
      values.set(key.toLowerCase(), value);
    }
    return 'select ' + columns.map((c) => `${typed(literal(values.get(c.name.toLowerCase())), c.type)} as ${quote(c.name)}`).join(', ');
  });
  if (selects.length === 0) return `select ${columns.map((c) => `${typed('null', c.type)} as ${quote(c.name)}`).join(', ')} where false`;
  return selects.join('\nunion all\n');
}

export { quote };

function typed(sql: string, type: string | null): string {
  return type ? `cast(${sql} as ${type})` : sql;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

type ValueClass = 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'text';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function classOf(value: unknown, fromCsv: boolean): ValueClass {
  if (value instanceof PyFloat) return 'number';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value !== 'string') return 'text';
  if (DATE.test(value)) return 'date';
  if (TIMESTAMP.test(value)) return 'timestamp';
  if (!fromCsv) return 'text';
  if (/^-?\d+$/.test(value)) return 'integer';
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return 'number';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  return 'text';
}

// Type names both engines accept (DuckDB reads DOUBLE PRECISION as DOUBLE).
const TYPE_OF: Record<ValueClass, string> = {
  integer: 'BIGINT',
  number: 'DOUBLE PRECISION',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  text: 'VARCHAR',
};

/** Columns in the order rows first name them, each typed by the one class all its values share. */
function inferColumns(rows: Record<string, unknown>[], context: FixtureContext): FixtureColumn[] {
  const classes = new Map<string, { name: string; seen: Set<ValueClass> }>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const entry = classes.get(name.toLowerCase()) ?? { name, seen: new Set<ValueClass>() };
      classes.set(name.toLowerCase(), entry);
      if (value !== null && value !== undefined) entry.seen.add(classOf(value, context.fromCsv));
    }
  }
  return [...classes.values()].map(({ name, seen }) => ({ name, type: unify(seen) }));
}

/** An all-NULL column stays untyped so that the model's expressions decide its type. */
function unify(seen: Set<ValueClass>): string | null {
  if (seen.size === 0) return null;
  if (seen.size === 1) return TYPE_OF[[...seen][0]];
  if ([...seen].every((c) => c === 'integer' || c === 'number')) return 'DOUBLE PRECISION';
  if ([...seen].every((c) => c === 'date' || c === 'timestamp')) return 'TIMESTAMP';
  return 'VARCHAR';
}
