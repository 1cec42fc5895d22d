import { satisfies, versionRequirements } from '../deps/semver';
import { ProjectError } from '../errors';
import { DBT_VERSION } from '../version';
import type { ProjectFile } from './project-file';

/**
 * dbt's version check: a project or package whose `require-dbt-version` excludes the dbt version tsdbt follows stops
 * the load, unless the check is turned off (`--no-version-check`, DBT_VERSION_CHECK=false, `flags: {version_check: false}`).
 */
export function checkRequiredDbtVersion(project: ProjectFile, file: string, versionCheck: unknown): void {
  if (versionCheck === false || satisfies(DBT_VERSION, project.requireDbtVersion)) return;
  const required = versionRequirements(project.requireDbtVersion);
  throw new ProjectError(
    `this version of dbt is not supported with the '${project.name}' package: installed version of dbt is =${DBT_VERSION} (followed by tsdbt), '${project.name}' requires ${required.map((r) => `'${r}'`).join(', ')}`,
    { file },
    `use a version of '${project.name}' that supports dbt ${DBT_VERSION} (then run deps again), or skip this check with --no-version-check`,
  );
}
