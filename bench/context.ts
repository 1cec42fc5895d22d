import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Summary } from './stats';

/** What every scenario needs: where tsdbt is, where to work, how hard to try. */
export interface BenchContext {
  repoRoot: string;
  /** bin/tsdbt.js */
  tsdbt: string;
  /** dist/bench/floor.js */
  floor: string;
  /** Scratch space (bench/out, ignored by git). */
  workDir: string;
  full: boolean;
  /** Runs per light measure (start-up, compile); heavy builds use `heavyRuns`. */
  runs: number;
  heavyRuns: number;
  log: (line: string) => void;
}

export interface Comparison {
  name: string;
  command: string;
  summary: Summary;
}

/** One line of a BENCHMARKS.md table. */
export interface BenchRow {
  /** Stable key: a later run of the same measure replaces this row. */
  id: string;
  section: string;
  measure: string;
  command: string;
  tsdbt: Summary;
  reference?: Comparison;
  goal?: string;
  note?: string;
  measuredAt?: string;
}

export function freshDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies the StreamFlix project (without its seeds, target or database) from the repository root. */
export function copyStreamflixProject(repoRoot: string, dir: string, withSeeds: boolean): void {
  for (const entry of ['project.yml', 'models', 'macros', 'data-tests', 'tests', 'analyses', 'snapshots']) {
    const from = path.join(repoRoot, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  mkdirSync(path.join(dir, 'seeds'), { recursive: true });
  cpSync(path.join(repoRoot, 'seeds', 'seeds.yml'), path.join(dir, 'seeds', 'seeds.yml'));
  if (withSeeds) cpSync(path.join(repoRoot, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
}

/** Removes what a previous run left: target/ and DuckDB files, so each run starts cold. */
export function resetRun(projectDir: string, databaseName: string): void {
  rmSync(path.join(projectDir, 'target'), { recursive: true, force: true });
  for (const suffix of ['', '.wal']) rmSync(path.join(projectDir, `${databaseName}.duckdb${suffix}`), { force: true });
}

export const relative = (ctx: BenchContext, file: string) => path.relative(ctx.repoRoot, file) || '.';
