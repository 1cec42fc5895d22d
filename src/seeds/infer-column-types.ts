import type { Connection, Dialect, InferredType } from '../adapters/adapter';
import { CANDIDATES, candidateType, numberType, type Candidate, type NumberShape } from './type-inference';

/**
 * Every candidate check costs a regular expression per value, so a first pass over a sample rules
 * out most candidates cheaply and the full pass checks only the survivors (text columns: none).
 */
export const SAMPLE_ROWS = 10_000;
/** Columns per query of the full pass: a query's planning cost grows faster than its column count. */
const COLUMNS_PER_QUERY = 64;

const COLUMN = '__seed_column';
const VALUE = '__seed_value';

interface Judgement {
  /** The candidates that accepted every value, in dbt's order of preference. */
  accepted: Candidate[];
  shape: NumberShape;
}

/** With no value at all every candidate accepts (bool_and over nothing is NULL), as in dbt. */
const NO_VALUES: Judgement = { accepted: [...CANDIDATES], shape: { whole: true, min: null, max: null } };

function judgementOf(row: Record<string, unknown>, candidates: readonly Candidate[], prefix: string): Judgement {
  return {
    accepted: candidates.filter((c) => row[`${prefix}${c}`] !== false),
    shape: { whole: row[`${prefix}whole`] !== false, min: (row[`${prefix}min`] ?? null) as NumberShape['min'], max: (row[`${prefix}max`] ?? null) as NumberShape['max'] },
  };
}

/**
 * The sample pass: every column in one query of constant size, the sampled rows unpivoted into (column, value)
 * pairs and judged per column group. Per-column aggregates would make the query grow with the column count, and
 * a wide seed (thousands of columns) would take minutes to plan; the sample bounds the unpivoted rows.
 */
async function judgeSample(conn: Connection, dialect: Dialect, source: string, columns: string[]): Promise<Map<string, Judgement>> {
  const value = dialect.quote(VALUE);
  const aggregates = [...CANDIDATES.map((c) => `bool_and(${dialect.seed.acceptsValue(c, value)}) AS ${dialect.quote(c)}`), ...dialect.seed.numberShapeAggregates(value, '')];
  const { rows } = await conn.query(
    `SELECT ${dialect.quote(COLUMN)}, ${aggregates.join(',\n  ')}\n` +
      `FROM ${dialect.seed.sampleValues(source, columns, SAMPLE_ROWS, COLUMN, VALUE)}\n` +
      `GROUP BY ${dialect.quote(COLUMN)}`,
  );
  return new Map(rows.map((row) => [String(row[COLUMN]), judgementOf(row, CANDIDATES, '')]));
}

/** The full pass: the surviving candidates of each column over every row, column by column (fast on tall seeds). */
async function judgeAll(conn: Connection, dialect: Dialect, source: string, columns: [string, Candidate[]][]): Promise<Map<string, Judgement>> {
  const judged = new Map<string, Judgement>();
  for (let start = 0; start < columns.length; start += COLUMNS_PER_QUERY) {
    const batch = columns.slice(start, start + COLUMNS_PER_QUERY);
    const aggregates = ['count(*) AS "n"'];
    batch.forEach(([name, candidates], i) => {
      const value = dialect.quote(name);
      for (const candidate of candidates) aggregates.push(`bool_and(${dialect.seed.acceptsValue(candidate, value)}) AS "c${i}_${candidate}"`);
      if (candidates.includes('number')) aggregates.push(...dialect.seed.numberShapeAggregates(value, `c${i}_`));
    });
    const { rows } = await conn.query(`SELECT ${aggregates.join(',\n  ')}\nFROM ${source}`);
    batch.forEach(([name, candidates], i) => judged.set(name, judgementOf(rows[0], candidates, `c${i}_`)));
  }
  return judged;
}

function typeOf({ accepted, shape }: Judgement): InferredType {
  const candidate = accepted[0];
  if (candidate === undefined) return { type: 'VARCHAR' };
  return { type: candidate === 'number' ? numberType(shape) : candidateType(candidate), candidate };
}

/** The types the first SAMPLE_ROWS rows of `source` give `columns` (text columns), by dbt's inference rules. */
export async function sampleColumnTypes(conn: Connection, dialect: Dialect, source: string, columns: string[]): Promise<Map<string, InferredType>> {
  if (columns.length === 0) return new Map();
  const sample = await judgeSample(conn, dialect, source, columns);
  return new Map(columns.map((name) => [name, typeOf(sample.get(name) ?? NO_VALUES)]));
}

/** Inferred types for `columns` (text columns of `source`), by dbt's inference rules. */
export async function inferColumnTypes(conn: Connection, dialect: Dialect, source: string, columns: string[]): Promise<Map<string, InferredType>> {
  const types = new Map<string, InferredType>();
  if (columns.length === 0) return types;
  const sample = await judgeSample(conn, dialect, source, columns);
  const sampled = (name: string) => sample.get(name) ?? NO_VALUES;
  const rowCount = Number((await conn.query(`SELECT count(*) AS n FROM ${source}`)).rows[0].n);
  if (rowCount <= SAMPLE_ROWS) {
    for (const name of columns) types.set(name, typeOf(sampled(name)));
    return types;
  }
  const survivors = columns.map((name): [string, Candidate[]] => [name, sampled(name).accepted]).filter(([, candidates]) => candidates.length > 0);
  const full = await judgeAll(conn, dialect, source, survivors);
  for (const name of columns) types.set(name, typeOf(full.get(name) ?? { ...NO_VALUES, accepted: [] }));
  return types;
}
