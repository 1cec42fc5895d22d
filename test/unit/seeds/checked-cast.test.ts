import type { InferredType, SeedType } from '../../../src/adapters/adapter';
import { duckdbDialect } from '../../../src/adapters/duckdb/dialect';
import { SEED_MISFIT } from '../../../src/adapters/seed-patterns';
import { numberType } from '../../../src/seeds/type-inference';
import { seedWorld, type SeedWorld } from './helpers';

const seed = duckdbDialect.seed;
const checkedCast = seed.checkedCast!;

let w: SeedWorld;
beforeAll(async () => {
  w = await seedWorld();
});
afterAll(() => w.close());

/** Values near every type's edge: what a cast takes and inference does not, null words, spaces, ranges. */
const VALUES = [
  ...['1', ' 7 ', '+3', '-2', '007', '1.0', '1.5', '.5', '5.', '1e3', '1E3', '0x10', '0b1', '1_000', '1,000', 'nan', 'NaN', 'inf', '-infinity'],
  ...['2147483647', '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999', '1e400', '1d', '$1'],
  ...['null', 'NULL', ' ', '  Null ', 'true', 'TRUE', ' true', 'False ', 't', 'yes', '0'],
  ...['2024-01-02', '2024-1-2', ' 2024-01-02 ', '2024/01/02', '20240102', '-2024-01-02', '10000-01-01', '2024-02-30', 'epoch', '2024-01-02 BC'],
  ...['2024-01-02 10:11:12', '2024-01-02 1:2:3', '2024-01-02 10:11', '2024-01-02 10:11:12.5', '2024-01-02  10:11:12', '2024-01-02 10:11:12 UTC'],
  ...['2024-01-02T10:11:12', '2024-01-02T10:11', '2024-01-02T10:11:12Z', '2024-01-02T10:11:12.123+02:00', '2024-01-02T10:11:12-0500', '2024-01-02T10:11:12+02'],
  ...['hello', ''],
];

const TYPES: InferredType[] = [
  { type: 'INTEGER', candidate: 'number' },
  { type: 'BIGINT', candidate: 'number' },
  { type: 'HUGEINT', candidate: 'number' },
  { type: 'DOUBLE', candidate: 'number' },
  { type: 'DATE', candidate: 'date' },
  { type: 'TIMESTAMP', candidate: 'datetime' },
  { type: 'TIMESTAMP', candidate: 'iso' },
  { type: 'BOOLEAN', candidate: 'boolean' },
  { type: 'VARCHAR' },
];

const WIDTH: Partial<Record<SeedType, number>> = { INTEGER: 0, BIGINT: 1, HUGEINT: 2 };

/** Whether a column inferred as `inferred` keeps that type with `value` added, by the inference queries themselves. */
async function keepsType(value: string, inferred: InferredType): Promise<boolean> {
  if (inferred.candidate === undefined) return true;
  const v = '"v"';
  const [row] = await w.rows(
    `SELECT bool_and(${seed.acceptsValue(inferred.candidate, v)}) AS accepted, ${seed.numberShapeAggregates(v, '').join(', ')} FROM (SELECT ${duckdbDialect.literal(value)} AS v)`,
  );
  if (row.accepted !== true) return false;
  const width = WIDTH[inferred.type];
  if (width === undefined) return true;
  const needed = numberType({ whole: row.whole !== false, min: row.min as string | null, max: row.max as string | null });
  return needed !== 'DOUBLE' && WIDTH[needed]! <= width;
}

async function checked(value: string, inferred: InferredType): Promise<{ misfit: true } | { value: unknown }> {
  try {
    const [row] = await w.rows(`SELECT ${checkedCast('"v"', inferred)} AS out FROM (SELECT ${duckdbDialect.literal(value)} AS v)`);
    return { value: row.out };
  } catch (error) {
    expect(String((error as Error).message)).toContain(SEED_MISFIT);
    return { misfit: true };
  }
}

describe('DuckDB checked casts agree with inference', () => {
  test.each(TYPES.map((t) => [`${t.candidate ?? 'text'} as ${t.type}`, t] as const))('%s', async (_, inferred) => {
    const disagreements: string[] = [];
    for (const value of VALUES) {
      const keeps = await keepsType(value, inferred);
      const result = await checked(value, inferred);
      if (!keeps) {
        if (!('misfit' in result)) disagreements.push(`${JSON.stringify(value)}: inference rejects it, the checked cast gave ${String(result.value)}`);
        continue;
      }
      const [expected] = await w.rows(`SELECT ${seed.castExpression('"v"', inferred.type)} AS out FROM (SELECT ${duckdbDialect.literal(value)} AS v)`);
      if ('misfit' in result) disagreements.push(`${JSON.stringify(value)}: inference accepts it, the checked cast failed`);
      else if (result.value !== expected.out) disagreements.push(`${JSON.stringify(value)}: ${String(result.value)} instead of ${String(expected.out)}`);
    }
    expect(disagreements).toEqual([]);
  });
});
