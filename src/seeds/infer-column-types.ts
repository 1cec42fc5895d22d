import type { Connection, Dialect } from '../adapters/adapter';
import type { SeedType } from '../adapters/adapter';
import { CANDIDATES, candidateType, numberType, type Candidate, type NumberShape } from './type-inference';

/**
 * Every candidate check costs a regular expression per value, so a first pass over a sample rules
 * out most candidates cheaply and the full pass checks only the survivors (text columns: none).
 */
const SAMPLE_ROWS = 10_000;

interface ColumnCandidates {
  name: string;
  candidates: Candidate[];
}

interface Evaluation {
  rowCount: number;
  /** Per column, the candidates that accepted every value, in dbt's order of preference. */
  accepted: Candidate[][];
  shapes: NumberShape[];
}

async function evaluate(
  conn: Connection,
  dialect: Dialect,
  from: string,
  columns: ColumnCandidates[],
): Promise<Evaluation> {
  const aggregates = ['count(*) AS "n"'];
  columns.forEach(({ name, candidates }, i) => {
    const value = dialect.quote(name);
    for (const candidate of candidates) aggregates.push(`bool_and(${dialect.seed.acceptsValue(candidate, value)}) AS "c${i}_${candidate}"`);
    if (candidates.includes('number')) aggregates.push(...dialect.seed.numberShapeAggregates(value, `c${i}_`));
  });
  const { rows } = await conn.query(`SELECT ${aggregates.join(',\n  ')}\nFROM ${from}`);
  const row = rows[0];
  // bool_and over zero rows is NULL: with no values, every candidate accepts.
  const accepted = columns.map(({ candidates }, i) => candidates.filter((c) => row[`c${i}_${c}`] !== false));
  const shapes = columns.map((_, i) => ({
    whole: row[`c${i}_whole`] !== false,
    min: (row[`c${i}_min`] ?? null) as NumberShape['min'],
    max: (row[`c${i}_max`] ?? null) as NumberShape['max'],
  }));
  return { rowCount: Number(row.n), accepted, shapes };
}

function typeOf(accepted: Candidate[], shape: NumberShape): SeedType {
  const first = accepted[0];
  if (first === undefined) return 'VARCHAR';
  return first === 'number' ? numberType(shape) : candidateType(first);
}

/** Inferred types for `columns`, read from `source` (a staged table of text columns). */
export async function inferColumnTypes(
  conn: Connection,
  dialect: Dialect,
  source: string,
  columns: string[],
): Promise<Map<string, SeedType>> {
  const types = new Map<string, SeedType>();
  if (columns.length === 0) return types;

  const everything = columns.map((name) => ({ name, candidates: [...CANDIDATES] }));
  const sample = await evaluate(conn, dialect, `(SELECT * FROM ${source} LIMIT ${SAMPLE_ROWS}) AS sample`, everything);
  if (sample.rowCount < SAMPLE_ROWS) {
    columns.forEach((name, i) => types.set(name, typeOf(sample.accepted[i], sample.shapes[i])));
    return types;
  }

  const survivors = columns
    .map((name, i) => ({ name, candidates: sample.accepted[i] }))
    .filter((column) => column.candidates.length > 0);
  const full = await evaluate(conn, dialect, source, survivors);
  columns.forEach((name) => types.set(name, 'VARCHAR'));
  survivors.forEach(({ name }, i) => types.set(name, typeOf(full.accepted[i], full.shapes[i])));
  return types;
}
