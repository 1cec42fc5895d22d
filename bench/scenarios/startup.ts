import path from 'node:path';
import { copyStreamflixProject, freshDir, relative, type BenchContext, type BenchRow } from '../context';
import { measureNode } from '../measure';
import { repeat } from '../stats';

const GOAL = '<= 0.3 s (dbt-core: 1.2-1.8 s)';

export async function startup(ctx: BenchContext): Promise<BenchRow[]> {
  const project = freshDir(path.join(ctx.workDir, 'streamflix-small'));
  copyStreamflixProject(ctx.repoRoot, project, true);
  ctx.log('start-up: tsdbt --version, tsdbt ls');
  const version = await repeat(ctx.runs, () => measureNode([ctx.tsdbt, '--version'], { cwd: ctx.workDir }));
  const ls = await repeat(ctx.runs, () => measureNode([ctx.tsdbt, 'ls', '--project-dir', project], { cwd: ctx.workDir }));
  return [
    { id: 'startup-version', section: 'Start-up', measure: '`tsdbt --version`', command: 'node bin/tsdbt.js --version', tsdbt: version, goal: GOAL },
    {
      id: 'startup-ls',
      section: 'Start-up',
      measure: '`tsdbt ls` on StreamFlix (77 nodes)',
      command: `node bin/tsdbt.js ls --project-dir ${relative(ctx, project)}`,
      tsdbt: ls,
      goal: GOAL,
    },
  ];
}
