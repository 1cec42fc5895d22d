import { rmSync } from 'node:fs';
import path from 'node:path';
import { freshDir, relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { fingerprint } from '../fingerprint';
import { generateProject, type GeneratedProject } from '../generate-project';
import { measureNode } from '../measure';
import type { Measurement } from '../measure';
import { alternate } from '../stats';

/** One cold `tsdbt build` (fresh database and target/). */
function coldBuild(ctx: BenchContext, project: GeneratedProject, threads: number): Promise<Measurement> {
  resetRun(project.dir, project.name);
  return measureNode([ctx.tsdbt, 'build', '--quiet', '--threads', String(threads), '--project-dir', project.dir], { cwd: ctx.workDir });
}

/** `tsdbt build` again into a fresh database, target/ kept: the saved parse and the SQL files written before are reused. */
function warmBuild(ctx: BenchContext, project: GeneratedProject): Promise<Measurement> {
  for (const suffix of ['', '.wal']) rmSync(path.join(project.dir, `${project.name}.duckdb${suffix}`), { force: true });
  return measureNode([ctx.tsdbt, 'build', '--quiet', '--threads', '1', '--project-dir', project.dir], { cwd: ctx.workDir });
}

/** The statements the last tsdbt run ran, replayed by the floor script into a fresh database. */
export function floorReplay(ctx: BenchContext, projectDir: string, databaseName: string): Promise<Measurement> {
  const floorDir = freshDir(path.join(ctx.workDir, 'floor'));
  return measureNode([ctx.floor, 'replay', projectDir, path.join(floorDir, `${databaseName}.duckdb`)], { cwd: ctx.workDir });
}

const buildCommand = (ctx: BenchContext, dir: string, threads: number) =>
  `node bin/tsdbt.js build --quiet --threads ${threads} --project-dir ${relative(ctx, dir)}`;

export async function buildVersusFloor(ctx: BenchContext, models: number): Promise<BenchRow[]> {
  const project = generateProject({ models, outDir: path.join(ctx.workDir, `build-${models}`), name: 'layered' });
  ctx.log(`build: ${models} models, 1 thread, and the DuckDB floor alternately`);
  const [summary, floor] = await alternate(
    ctx.heavyRuns,
    () => coldBuild(ctx, project, 1),
    () => floorReplay(ctx, project.dir, project.name),
  );
  ctx.log(`build: ${models} models again with target/ kept, and the DuckDB floor alternately`);
  const [warm, warmFloor] = await alternate(
    ctx.heavyRuns,
    () => warmBuild(ctx, project),
    () => floorReplay(ctx, project.dir, project.name),
  );
  const floorCommand = `node dist/bench/floor.js replay ${relative(ctx, project.dir)} <fresh>/layered.duckdb`;
  return [
    {
      id: `build-${models}-warm`,
      section: 'Build overhead',
      measure: `build ${models.toLocaleString('en-US')} models + ${project.tests} tests + 2 seeds, 1 thread, target/ kept (fresh database)`,
      command: buildCommand(ctx, project.dir, 1),
      tsdbt: warm,
      reference: { name: 'DuckDB floor', command: floorCommand, summary: warmFloor },
      goal: '<= 1.2x floor',
    },
    {
      id: `build-${models}`,
      section: 'Build overhead',
      measure: `build ${models.toLocaleString('en-US')} models + ${project.tests} tests + 2 seeds, 1 thread, cold`,
      command: buildCommand(ctx, project.dir, 1),
      tsdbt: summary,
      reference: { name: 'DuckDB floor', command: floorCommand, summary: floor },
      goal: '<= 1.2x floor',
    },
  ];
}

/** A DAG of two wide layers, built with 1 then 2 threads; the two builds must produce the same tables and statuses. */
export async function wideThreads(ctx: BenchContext, models: number): Promise<BenchRow[]> {
  const project = generateProject({
    models,
    outDir: path.join(ctx.workDir, `wide-${models}`),
    name: 'wide',
    layerWidth: Math.ceil(models / 2),
    seedRows: 20000,
  });
  ctx.log(`wide DAG: ${models} models, --threads 2 and 1 alternately`);
  const results = new Map<number, string>();
  const fingerprinted = async (threads: number) => {
    const measured = await coldBuild(ctx, project, threads);
    results.set(threads, await fingerprint(path.join(project.dir, `${project.name}.duckdb`), project.dir));
    return measured;
  };
  const [two, one] = await alternate(
    ctx.heavyRuns,
    () => fingerprinted(2),
    () => fingerprinted(1),
  );
  const same = results.get(1) === results.get(2);
  return [
    {
      id: `wide-${models}`,
      section: 'Threads',
      measure: `wide DAG (2 layers, ${models} models + ${project.tests} tests, 20k-row seeds): --threads 2 vs 1`,
      command: buildCommand(ctx, project.dir, 2),
      tsdbt: two,
      reference: { name: '--threads 1', command: buildCommand(ctx, project.dir, 1), summary: one },
      goal: 'measurable speedup, same results',
      note: `same tables, rows and statuses: ${same ? 'yes' : 'NO'}; speedup ${(one.wallMs / two.wallMs).toFixed(2)}x`,
    },
  ];
}
