import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { seedWorld, type SeedWorld } from './helpers';

const ROWS = 1_000_000;

let w: SeedWorld;
beforeAll(async () => {
  w = await seedWorld();
});
afterAll(() => w.close());

async function writeMillionRows(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,amount,signup_date,updated_at,active\n');
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const second = String(i % 60).padStart(2, '0');
    chunk += `${i},user ${i},${(i % 1000) / 8},2024-01-${day},2024-03-04 05:06:${second},${i % 2 === 0}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).on('error', reject));
}

test('a million rows load with inference in seconds (timing printed, not asserted)', async () => {
  const csvPath = join(w.dir, 'big.csv');
  await writeMillionRows(csvPath);

  let started = performance.now();
  const result = await w.load('big.csv', undefined);
  const seedMs = performance.now() - started;

  await w.conn.execute(
    'create table bare_copy (id integer, name varchar, amount double, signup_date date, updated_at timestamp, active boolean)',
  );
  started = performance.now();
  await w.conn.execute(`copy bare_copy from ${w.adapter.dialect.literal(csvPath)} (header true)`);
  const copyMs = performance.now() - started;

  console.log(
    `seed load of ${ROWS} rows: ${seedMs.toFixed(0)} ms (type inference + load + swap); ` +
      `bare COPY into a typed table: ${copyMs.toFixed(0)} ms`,
  );
  expect(result.rows).toBe(ROWS);
  expect(result.columns.map((c) => c.dataType)).toEqual(['INTEGER', 'VARCHAR', 'DOUBLE', 'DATE', 'TIMESTAMP', 'BOOLEAN']);
  expect(await w.rows('select count(*) as n from big except select count(*) from bare_copy')).toEqual([]);
});
