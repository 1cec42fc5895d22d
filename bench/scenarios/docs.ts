import path from 'node:path';
import { relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { generateProject } from '../generate-project';
import { measureNode } from '../measure';
import { repeat } from '../stats';

/**
 * `docs generate` on N synthetic models after a compile (the usual order: compile caches are warm).
 * The models are not built: the catalog query runs but finds no relations, so this measures compiling,
 * manifest.json, the catalog query and the site (index.html and static_index.html holding the data).
 */
export async function docsGenerateSynthetic(ctx: BenchContext, models: number): Promise<BenchRow[]> {
  const project = generateProject({ models, outDir: path.join(ctx.workDir, `synthetic-${models}`) });
  resetRun(project.dir, project.name);
  await measureNode([ctx.tsdbt, 'compile', '--quiet', '--project-dir', project.dir], { cwd: ctx.workDir });
  const args = [ctx.tsdbt, 'docs', 'generate', '--static', '--quiet', '--project-dir', project.dir];
  ctx.log(`docs: generate on ${models} models (${project.tests} tests)`);
  const summary = await repeat(ctx.heavyRuns, () => measureNode(args, { cwd: ctx.workDir }));
  return [
    {
      id: `docs-generate-${models}`,
      section: 'Docs',
      measure: `docs generate --static, ${models.toLocaleString('en-US')} models + ${project.tests.toLocaleString('en-US')} tests, after compile`,
      command: `node bin/tsdbt.js docs generate --static --quiet --project-dir ${relative(ctx, project.dir)}`,
      tsdbt: summary,
      note: 'models not built: empty catalog query',
    },
  ];
}
