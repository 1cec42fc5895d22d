import { tsdbtVersion } from '../../version';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../../errors';
import { writeManifest } from '../../report/artifacts';
import { foundLine } from '../../report/summary';
import type { Session } from '../session';

/** `parse`: writes target/manifest.json. */
export function parseCommand(session: Session): number {
  writeManifest(session.manifest, session.invocationId);
  session.reporter.info(foundLine(session.manifest), 'FoundStats');
  session.reporter.info(`Wrote ${path.posix.join(session.manifest.project.targetPath, 'manifest.json')}`);
  return 0;
}

/** `clean`: removes the project's clean-targets, refusing paths outside the project. */
export function cleanCommand(session: Session): number {
  const root = session.manifest.project.rootDir;
  for (const target of session.manifest.project.cleanTargets) {
    const full = path.resolve(root, target);
    if (!full.startsWith(root + path.sep))
      throw new ProjectError(
        `clean-target '${target}' is outside the project folder`,
        { file: session.manifest.project.configFile },
        'list only folders inside the project under clean-targets',
      );
    rmSync(full, { recursive: true, force: true });
    session.reporter.info(`Cleaned ${target}/`, 'CheckCleanPath');
  }
  session.reporter.info('Finished cleaning all paths.', 'FinishedCleanPaths');
  return 0;
}

/** `debug`: the resolved project, profile and target, and a connection check. */
export async function debugCommand(session: Session): Promise<number> {
  const { project, target } = session.manifest;
  const r = session.reporter;
  r.output(
    [
      `tsdbt version: ${tsdbtVersion()}`,
      `project: ${project.name} (${path.join(project.rootDir, project.configFile)})`,
      `profile: ${target.profileName} (from ${target.origin})`,
      `target: ${target.name}`,
      `  type: ${target.type}`,
      ...(target.postgres
        ? [`  host: ${target.postgres.host}`, `  port: ${target.postgres.port}`, `  user: ${target.postgres.user}`]
        : [`  path: ${target.path}`]),
      `  database: ${target.database}`,
      `  schema: ${target.schema}`,
      `  threads: ${target.threads}`,
    ].join('\n'),
  );
  let version: string;
  try {
    const adapter = await session.warehouse(1);
    const conn = await adapter.acquire();
    try {
      version = String((await conn.query('select version() as version')).rows[0]?.version ?? '');
    } finally {
      adapter.release(conn);
    }
  } catch (error) {
    // One line that says what is wrong: unreachable host, refused login, missing database, locked file.
    r.output(`Connection test: [ERROR] ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return 1;
  }
  r.output(`Connection test: [OK connection ok] (${target.type === 'duckdb' ? `DuckDB ${version}` : version.split(',')[0]})`);
  r.output('All checks passed!');
  return 0;
}
