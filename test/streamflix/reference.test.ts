/**
 * The project built by the tsdbt CLI must hold exactly what the plain-TypeScript reference
 * computes from the committed CSVs. STREAMFLIX_DB and STREAMFLIX_ANALYSES point the comparison
 * at an already built database instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStreamflix, REPOSITORY } from '../helpers/project';
import { compareWithReference } from './compare-with-reference';

// As a user runs it: the bundled CLI, started by the bin script.
const CLI = join(REPOSITORY, 'bin', 'tsdbt.js');

function buildProjectCopy(projectDir: string): void {
  copyStreamflix(projectDir);
  for (const command of ['build', 'compile']) {
    execFileSync(process.execPath, [CLI, command, '--project-dir', projectDir], { cwd: projectDir, stdio: 'pipe' });
  }
}

describe('StreamFlix marts and analyses', () => {
  let projectDir: string | undefined;
  afterAll(() => {
    if (projectDir !== undefined) rmSync(projectDir, { recursive: true, force: true });
  });

  it('match the reference computed from the CSVs, row by row', async () => {
    let dbPath = process.env.STREAMFLIX_DB;
    let analysesDir = process.env.STREAMFLIX_ANALYSES;
    if (dbPath === undefined || analysesDir === undefined) {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
      projectDir = mkdtempSync(join(tmpdir(), 'streamflix-'));
      buildProjectCopy(projectDir);
      dbPath = join(projectDir, 'streamflix.duckdb');
      analysesDir = join(projectDir, 'target', 'compiled', 'streamflix', 'analyses');
    }
    expect(await compareWithReference(dbPath, analysesDir)).toEqual([]);
  }, 180_000);
});
