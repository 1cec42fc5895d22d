import path from 'node:path';
import { generateSeeds } from '../../scripts/generate-seeds';
import { copyStreamflixProject, freshDir, relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { measureNode } from '../measure';
import { alternate, repeat } from '../stats';
import { floorReplay } from './build';

/** StreamFlix with generated seeds of `users` users: cold build vs its compiled SQL run directly, then a rebuild with nothing changed. */
export async function streamflixAtScale(ctx: BenchContext, users: number): Promise<BenchRow[]> {
  const dir = freshDir(path.join(ctx.workDir, `streamflix-${users}`));
  copyStreamflixProject(ctx.repoRoot, dir, false);
  ctx.log(`streamflix: generating seeds for ${users} users`);
  await generateSeeds({ users, seed: 42, outDir: path.join(dir, 'seeds') });
  // Warning and failing data tests are results, not errors of the bench: exit code 1 is fine.
  const okCodes = [0, 1];
  const args = [ctx.tsdbt, 'build', '--quiet', '--project-dir', dir];
  ctx.log(`streamflix: build at ${users} users and its compiled SQL run directly, alternately, then a rebuild`);
  const [cold, floor] = await alternate(
    ctx.heavyRuns,
    () => {
      resetRun(dir, 'streamflix');
      return measureNode(args, { cwd: ctx.workDir, okCodes });
    },
    () => floorReplay(ctx, dir, 'streamflix'),
  );
  const again = await repeat(ctx.heavyRuns, () => measureNode(args, { cwd: ctx.workDir, okCodes }));
  const command = `node bin/tsdbt.js build --quiet --project-dir ${relative(ctx, dir)}`;
  const label = `${users.toLocaleString('en-US')} users`;
  return [
    {
      id: `streamflix-${users}`,
      section: 'StreamFlix at scale',
      measure: `build at ${label}, cold`,
      command: `node dist/scripts/generate-seeds.js --users ${users} --seed 42 --out ${relative(ctx, dir)}/seeds; ${command}`,
      tsdbt: cold,
      reference: {
        name: 'compiled SQL run directly',
        command: `node dist/bench/floor.js replay ${relative(ctx, dir)} <fresh>/streamflix.duckdb`,
        summary: floor,
      },
      goal: '<= 1.1x, RSS bounded',
    },
    {
      id: `streamflix-${users}-again`,
      section: 'StreamFlix at scale',
      measure: `rebuild at ${label}, nothing changed`,
      command,
      tsdbt: again,
      reference: { name: 'cold build', command, summary: cold },
      goal: 'report it',
    },
  ];
}
