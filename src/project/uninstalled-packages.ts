import { ProjectError } from '../errors';
import { readPackageSpecs, type InstalledPackage } from './packages';

/**
 * As dbt: a project whose packages.yml (or dependencies.yml) lists more packages than the install path holds stops
 * before parsing, pointing at `deps`.
 */
export function checkPackagesInstalled(rootDir: string, installPath: string, installed: InstalledPackage[]): void {
  const specs = readPackageSpecs(rootDir);
  if (!specs || specs.specs.length <= installed.length) return;
  const n = specs.specs.length;
  throw new ProjectError(
    `${n} package${n === 1 ? '' : 's'} specified in ${specs.file}, but only ${installed.length} installed in ${installPath}/`,
    { file: specs.file, line: specs.specs[0].line },
    'run tsdbt deps to install the package dependencies',
  );
}
