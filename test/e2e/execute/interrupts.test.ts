import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { project, rows, runResults } from './helpers';

/** The built CLI (dist/), run as a user would, so that signals reach it as they would in a terminal. */
const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'src', 'cli', 'main.js');

/** Runs `tsdbt build` and sends `signal` once the slow model has started; resolves with the exit code and output. */
function buildInterrupted(dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'build', '--threads', '1', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let sentAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sentAt && /START sql table model main\.b_slow/.test(stdout)) {
        sentAt = Date.now();
        // Let the query get going inside DuckDB before interrupting it.
        setTimeout(() => child.kill(signal), 500);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, ms: Date.now() - sentAt }));
  });
}

describe('interrupts', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: running query interrupted and rolled back, nothing more started, run_results.json holds what finished, exit 2',
    async (signal) => {
      const dir = project({
        'models/a_fast.sql': "{{ config(materialized='table') }}\nselect 1 as id",
        'models/b_slow.sql': "{{ config(materialized='table') }}\nselect count(*) as n from range(1000000000000) t(i) where i % 7 = 3",
        'models/c_after.sql': "select * from {{ ref('b_slow') }}",
      });
      const run = await buildInterrupted(dir, signal);
      expect(run.code).toBe(2);
      expect(run.ms).toBeLessThan(15_000);
      expect(run.stdout).toContain('Exited because of keyboard interrupt');
      expect(run.stdout).not.toMatch(/START .*c_after/);
      const results = Object.fromEntries(runResults(dir).results.map((r) => [String(r.unique_id), r.status]));
      expect(results['model.p.a_fast']).toBe('success');
      expect(results['model.p.c_after']).toBeUndefined();
      expect(existsSync(path.join(dir, 'target', 'run_results.json'))).toBe(true);
      expect(await rows(dir, "select table_name from information_schema.tables where table_name like 'b_slow%'")).toEqual([]);
    },
  );
});
