import { readFileSync } from 'node:fs';
import path from 'node:path';
import { queryDatabase } from '../../helpers/warehouse';
import { tsdbt, writeProject, type CliRun } from '../../helpers/project';

/** A project named `p` (database p.duckdb in its folder) holding `files`, next to a minimal project.yml. */
export function project(files: Record<string, string>, projectYml = ''): string {
  return writeProject({ 'project.yml': `name: p\nprofile: p\n${projectYml}`, ...files });
}

/** Rows of `sql` against the project's database. */
export function rows(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  return queryDatabase(path.join(dir, 'p.duckdb'), sql);
}

/** Runs tsdbt and fails the test with its output when the exit code differs from `code`. */
export async function expectRun(dir: string, code: number, ...args: string[]): Promise<CliRun> {
  const run = await tsdbt(dir, ...args);
  if (run.code !== code) throw new Error(`expected exit ${code}, got ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run;
}

export function runResults(dir: string): { results: Record<string, unknown>[]; args: Record<string, unknown> } {
  return JSON.parse(readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8'));
}

/** Result of the last run by node name (the third part of its unique id; tests' ids end with a hash). */
export function resultsByName(dir: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(runResults(dir).results.map((r) => [String(r.unique_id).split('.')[2], r]));
}

export function statusOf(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(resultsByName(dir)).map(([name, r]) => [name, String(r.status)]));
}
