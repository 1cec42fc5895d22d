import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fresh temporary folder holding `files` (relative path → contents). */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-'));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return dir;
}

/** A temporary copy of test/fixtures/<name>, so that runs never write into the repository. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tsdbt-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs tsdbt in-process against `projectDir` (adds --project-dir), capturing what it prints. */
export async function tsdbt(projectDir: string, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--project-dir', projectDir], { out: (l) => out.push(l), err: (l) => err.push(l), color: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The repository itself is the StreamFlix project: these entries make a copy of it. */
export const REPOSITORY = path.join(__dirname, '..', '..');
const STREAMFLIX_ENTRIES = ['project.yml', 'dbt_project.yml', 'profiles.yml', 'seeds', 'models', 'macros', 'analyses', 'data-tests'];

/** Copies the StreamFlix project (not its target/ or database) into `projectDir`. */
export function copyStreamflix(projectDir: string): void {
  for (const entry of STREAMFLIX_ENTRIES)
    if (existsSync(path.join(REPOSITORY, entry))) cpSync(path.join(REPOSITORY, entry), path.join(projectDir, entry), { recursive: true });
}
