import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDir, relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { measureNode } from '../measure';
import { alternate } from '../stats';

const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta'];

/** A seed project with one CSV of `rows` rows: integer, text, decimal and date columns. */
async function writeSeedProject(dir: string, rows: number): Promise<string> {
  freshDir(path.join(dir, 'seeds'));
  writeFileSync(path.join(dir, 'project.yml'), "name: seeding\nversion: '1.0.0'\nprofile: seeding\nseed-paths: ['seeds']\n");
  const csv = path.join(dir, 'seeds', 'big_seed.csv');
  const out = createWriteStream(csv);
  const batch: string[] = ['id,category,amount,created_on'];
  for (let id = 1; id <= rows; id++) {
    const day = String((id % 28) + 1).padStart(2, '0');
    batch.push(`${id},${CATEGORIES[id % 4]},${(id * 37) % 10000}.25,2024-0${(id % 9) + 1}-${day}`);
    if (batch.length >= 10000) {
      if (!out.write(batch.join('\n') + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      batch.length = 0;
    }
  }
  out.end(batch.length ? batch.join('\n') + '\n' : '');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  return csv;
}

export async function seedVersusCopy(ctx: BenchContext, rows: number): Promise<BenchRow[]> {
  const dir = path.join(ctx.workDir, `seed-${rows}`);
  const csv = await writeSeedProject(dir, rows);
  ctx.log(`seed: ${rows} rows and bare DuckDB COPY, alternately`);
  const floorDir = path.join(ctx.workDir, 'floor');
  const [tsdbt, copy] = await alternate(
    ctx.heavyRuns,
    () => {
      resetRun(dir, 'seeding');
      return measureNode([ctx.tsdbt, 'seed', '--quiet', '--project-dir', dir], { cwd: ctx.workDir });
    },
    () => {
      freshDir(floorDir);
      return measureNode([ctx.floor, 'copy', csv, path.join(floorDir, 'seeding.duckdb'), 'big_seed'], { cwd: ctx.workDir });
    },
  );
  return [
    {
      id: `seed-${rows}`,
      section: 'Seeds',
      measure: `seed a ${rows.toLocaleString('en-US')}-row CSV (4 columns)`,
      command: `node bin/tsdbt.js seed --quiet --project-dir ${relative(ctx, dir)}`,
      tsdbt,
      reference: { name: 'bare DuckDB COPY', command: `node dist/bench/floor.js copy ${relative(ctx, csv)} <fresh>/seeding.duckdb big_seed`, summary: copy },
      goal: '<= 1.1x',
    },
  ];
}
