import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../../errors';
import type { Session } from '../session';
import { formatRows, queryRows } from './show';

/**
 * Runs an analysis already compiled by `tsdbt compile` (target/compiled/<project>/analyses/<file>) and prints every
 * row as a table: the project's equivalent of a run_analysis script.
 */
export async function runAnalysisCommand(session: Session, fileName: string, output = 'text'): Promise<number> {
  const { project } = session.manifest;
  const name = fileName.endsWith('.sql') ? fileName : `${fileName}.sql`;
  const candidates = project.analysisPaths.map((dir) => path.join(session.targetDir(), 'compiled', project.name, dir, name));
  const file = candidates.find((c) => existsSync(c));
  if (!file) {
    throw new ProjectError(
      `no compiled analysis '${name}' under ${path.relative(process.cwd(), path.dirname(candidates[0])) || '.'}`,
      undefined,
      'run `tsdbt compile` first, and check the file name (e.g. churn_rate_last_3_months.sql)',
    );
  }
  const result = await queryRows(session, readFileSync(file, 'utf8'), -1);
  session.reporter.output(formatRows(result, output, name.replace(/\.sql$/, '')));
  return 0;
}
