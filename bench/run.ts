/**
 * `npm run bench` (quick, a few minutes) or `npm run bench -- --full` (the sizes of the goals).
 * Options:
 *   --only startup,compile,dataform,build,threads,seed,streamflix,docs   run some sections
 *   --compile-sizes 1000,10000                                      override the compile sizes
 *   --runs N                                                        runs per measure (full: 3)
 * Results merge into bench/out/results.json and BENCHMARKS.md is rewritten from it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext, BenchRow } from './context';
import { describeMachine } from './machine';
import { rssMethod } from './measure';
import { mergeResults, renderReport } from './report';
import { buildVersusFloor, wideThreads } from './scenarios/build';
import { compileDataform, compileSynthetic } from './scenarios/compile';
import { docsGenerateSynthetic } from './scenarios/docs';
import { seedVersusCopy } from './scenarios/seed';
import { startup } from './scenarios/startup';
import { streamflixAtScale } from './scenarios/streamflix';

export interface BenchOptions {
  full: boolean;
  only?: string[];
  compileSizes?: number[];
  runs?: number;
}

/** Sizes per section: quick fits in a few minutes on 2 cores, full matches the goals of the performance issue. */
export function sizesFor(full: boolean) {
  return full
    ? { compile: [1000, 10000, 50000], dataform: [1000, 10000], build: 1000, wide: 400, seedRows: 1_000_000, streamflixUsers: [100_000, 1_000_000] }
    : { compile: [1000], dataform: [1000], build: 200, wide: 100, seedRows: 200_000, streamflixUsers: [10_000] };
}

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { full: false };
  const list = (value: string | undefined, flag: string) => {
    if (!value) throw new Error(`bench: ${flag} needs a value`);
    return value.split(',').map((item) => item.trim());
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--full') options.full = true;
    else if (flag === '--only') options.only = list(argv[++i], flag);
    else if (flag === '--compile-sizes') options.compileSizes = list(argv[++i], flag).map(Number);
    else if (flag === '--runs') options.runs = Number(argv[++i]);
    else throw new Error(`bench: unknown option '${flag}'. Usage: npm run bench -- [--full] [--only sections] [--compile-sizes 1000,10000] [--runs N]`);
  }
  if (options.compileSizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('bench: --compile-sizes takes whole numbers, e.g. 1000,10000');
  if (options.runs !== undefined && (!Number.isInteger(options.runs) || options.runs < 1)) throw new Error('bench: --runs takes a whole number >= 1');
  return options;
}

export async function runBench(options: BenchOptions, repoRoot: string, log: (line: string) => void = console.log): Promise<BenchRow[]> {
  // As users start it: the bin script, which runs the bundled CLI with its code cache.
  const tsdbt = path.join(repoRoot, 'bin', 'tsdbt.js');
  if (!existsSync(tsdbt)) throw new Error(`bench: ${tsdbt} is missing; run \`npm run build\` first`);
  const workDir = path.join(repoRoot, 'bench', 'out');
  mkdirSync(workDir, { recursive: true });
  const runs = options.runs ?? 3;
  const ctx: BenchContext = {
    repoRoot,
    tsdbt,
    floor: path.join(__dirname, 'floor.js'),
    workDir,
    full: options.full,
    runs,
    heavyRuns: options.full ? runs : 1,
    log,
  };
  const sizes = sizesFor(options.full);
  const compileSizes = options.compileSizes ?? sizes.compile;
  const wanted = (section: string) => !options.only || options.only.includes(section);
  const rows: BenchRow[] = [];
  const stamp = (found: BenchRow[]) =>
    rows.push(...found.map((row) => ({ ...row, measuredAt: `${options.full ? 'full' : 'quick'} run, ${new Date().toISOString().slice(0, 10)}` })));
  if (wanted('startup')) stamp(await startup(ctx));
  if (wanted('compile')) for (const size of compileSizes) stamp(await compileSynthetic(ctx, size));
  if (wanted('dataform')) stamp(await compileDataform(ctx, options.compileSizes ?? sizes.dataform));
  if (wanted('build')) stamp(await buildVersusFloor(ctx, sizes.build));
  if (wanted('threads')) stamp(await wideThreads(ctx, sizes.wide));
  if (wanted('seed')) stamp(await seedVersusCopy(ctx, sizes.seedRows));
  if (wanted('streamflix')) for (const users of sizes.streamflixUsers) stamp(await streamflixAtScale(ctx, users));
  if (wanted('docs')) for (const size of compileSizes) stamp(await docsGenerateSynthetic(ctx, size));
  return rows;
}

/** Stores the rows and rewrites BENCHMARKS.md at the repository root. */
export function publish(rows: BenchRow[], repoRoot: string): string {
  const stored = mergeResults(path.join(repoRoot, 'bench', 'out', 'results.json'), { machine: describeMachine(repoRoot), rssMethod: rssMethod(), rows });
  const notesFile = path.join(repoRoot, 'bench', 'notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
  const report = path.join(repoRoot, 'BENCHMARKS.md');
  writeFileSync(report, renderReport(stored, notes));
  return report;
}

if (require.main === module) {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const started = Date.now();
  Promise.resolve()
    .then(() => parseOptions(process.argv.slice(2)))
    .then((options) => runBench(options, repoRoot))
    .then((rows) => console.log(`Wrote ${publish(rows, repoRoot)} (${rows.length} measures, ${Math.round((Date.now() - started) / 1000)} s)`))
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
