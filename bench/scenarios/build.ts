import path from 'node:path';
import { freshDir, relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { fingerprint } from '../fingerprint';
import { generateProject, type GeneratedProject } from '../generate-project';
import { measureNode } from '../measure';
import { repeat, type Summary } from '../stats';

/** Cold `tsdbt build` runs (fresh database and target/ each time); the fingerprint of the last one. */
async function coldBuilds(ctx: BenchContext, project: GeneratedProject, threads: number): Promise<{ summary: Summary; result: string }> {
  const summary = await repeat(ctx.heavyRuns, () => {
    resetRun(project.dir, project.name);
    return measureNode([ctx.tsdbt, 'build', '--quiet', '--threads', String(threads), '--project-dir', project.dir], { cwd: ctx.workDir });
  });
  return { summary, result: await fingerprint(path.join(project.dir, `${project.name}.duckdb`), project.dir) };
}

/** The statements tsdbt ran, replayed by the floor script into a fresh database (needs a tsdbt build first). */
export async function floorReplay(ctx: BenchContext, projectDir: string, databaseName: string, runs: number): Promise<Summary> {
  const floorDir = path.join(ctx.workDir, 'floor');
  return repeat(runs, () => {
    freshDir(floorDir);
    return measureNode([ctx.floor, 'replay', projectDir, path.join(floorDir, `${databaseName}.duckdb`)], { cwd: ctx.workDir });
  });
}

const buildCommand = (ctx: BenchContext, dir: string, threads: number) =>
  `node dist/src/cli/main.js build --quiet --threads ${threads} --project-dir ${relative(ctx, dir)}`;

export async function buildVersusFloor(ctx: BenchContext, models: number): Promise<BenchRow[]> {
  const project = generateProject({ models, outDir: path.join(ctx.workDir, `build-${models}`), name: 'layered' });
  ctx.log(`build: ${models} models, 1 thread, then the DuckDB floor`);
  const { summary } = await coldBuilds(ctx, project, 1);
  const floor = await floorReplay(ctx, project.dir, project.name, ctx.heavyRuns);
  return [
    {
      id: `build-${models}`,
      section: 'Build overhead',
      measure: `build ${models.toLocaleString('en-US')} models + ${project.tests} tests + 2 seeds, 1 thread, cold`,
      command: buildCommand(ctx, project.dir, 1),
      tsdbt: summary,
      reference: { name: 'DuckDB floor', command: `node dist/bench/floor.js replay ${relative(ctx, project.dir)} <fresh>/layered.duckdb`, summary: floor },
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
  ctx.log(`wide DAG: ${models} models, --threads 1 then 2`);
  const one = await coldBuilds(ctx, project, 1);
  const two = await coldBuilds(ctx, project, 2);
  const same = one.result === two.result;
  return [
    {
      id: `wide-${models}`,
      section: 'Threads',
      measure: `wide DAG (2 layers, ${models} models + ${project.tests} tests, 20k-row seeds): --threads 2 vs 1`,
      command: buildCommand(ctx, project.dir, 2),
      tsdbt: two.summary,
      reference: { name: '--threads 1', command: buildCommand(ctx, project.dir, 1), summary: one.summary },
      goal: 'measurable speedup, same results',
      note: `same tables, rows and statuses: ${same ? 'yes' : 'NO'}; speedup ${(one.summary.wallMs / two.summary.wallMs).toFixed(2)}x`,
    },
  ];
}
