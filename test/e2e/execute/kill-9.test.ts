import { spawn } from 'node:child_process';
import path from 'node:path';
import { expectRun, project, rows } from './helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'src', 'cli', 'main.js');
const TRIALS = 4;
const ROWS = 200_000;

/** Starts `tsdbt build` and SIGKILLs it after `delayMs` (or lets it finish first). */
function buildKilledAfter(dir: string, delayMs: number, version: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'build', '--threads', '2', '--vars', `{version: ${version}}`, '--project-dir', dir], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('kill -9 during build', () => {
  test(`after ${TRIALS} kills at random points, every relation holds either its old or its new rows`, async () => {
    const files: Record<string, string> = { 'seeds/base.csv': 'id\n1\n2\n3\n' };
    const relations: string[] = ['base'];
    for (let i = 0; i < 4; i++) {
      files[`models/t${i}.sql`] =
        `{{ config(materialized='table') }}\nselect {{ var('version') }} as v, i from range(${ROWS}) t(i), (select count(*) from {{ ref('base') }})`;
      files[`models/v${i}.sql`] = `select v, i from {{ ref('t${i}') }}`;
      relations.push(`t${i}`, `v${i}`);
    }
    const dir = project(files);
    await expectRun(dir, 0, 'build', '--vars', '{version: 0}');
    for (let trial = 1; trial <= TRIALS; trial++) {
      await buildKilledAfter(dir, 300 + Math.floor(Math.random() * 2500), trial);
      for (const relation of relations.slice(1)) {
        const [state] = await rows(dir, `select count(*)::int as n, min(v)::int as lo, max(v)::int as hi from main.${relation}`);
        expect({ relation, whole: state.n === ROWS && state.lo === state.hi }).toEqual({ relation, whole: true });
        expect(Number(state.lo)).toBeLessThanOrEqual(trial);
      }
      expect(await rows(dir, 'select count(*)::int as n from main.base')).toEqual([{ n: 3 }]);
    }
  });
});
