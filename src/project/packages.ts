import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';
import { findProjectFile } from './project-file';
import { isPlainObject, readYaml } from './yaml-file';

export interface InstalledPackage {
  name: string;
  dir: string;
}

/** The name a package declares in its own project file. */
function packageName(dir: string, where: { file: string; line?: number }): string {
  const projectFile = findProjectFile(dir);
  if (!projectFile)
    throw new ProjectError(
      `${dir} is not a dbt package: it has no dbt_project.yml`,
      where,
      "point `local:` at the folder that holds the package's dbt_project.yml",
    );
  const yaml = readYaml(path.join(dir, projectFile), projectFile);
  const name = isPlainObject(yaml.value) ? yaml.value.name : undefined;
  if (typeof name !== 'string') throw new ProjectError(`the package in ${dir} has no name in ${projectFile}`, where);
  return name;
}

/**
 * dbt's check before parsing: fewer packages installed than packages.yml (or dependencies.yml) lists means `deps`
 * has not run since the file changed.
 */
export function checkPackagesInstalled(rootDir: string, installPath: string, installedCount: number): void {
  for (const file of ['packages.yml', 'dependencies.yml']) {
    if (!existsSync(path.join(rootDir, file))) continue;
    const yaml = readYaml(path.join(rootDir, file), file);
    const list = isPlainObject(yaml.value) ? yaml.value.packages : undefined;
    if (!Array.isArray(list)) continue;
    if (list.length > installedCount) {
      throw new ProjectError(
        `found ${list.length} package(s) specified in ${file}, but only ${installedCount} package(s) installed in ${installPath}`,
        { file, line: yaml.lineOf(['packages']) },
        'run `tsdbt deps` to install package dependencies',
      );
    }
    return;
  }
}

/** Packages under the install path (dbt_packages/), each with its own dbt_project.yml. */
export function listInstalledPackages(rootDir: string, installPath: string): InstalledPackage[] {
  const base = path.join(rootDir, installPath);
  if (!existsSync(base)) return [];
  return (
    readdirSync(base, { withFileTypes: true })
      // Local packages are links to their folder, as dbt installs them.
      .filter(
        (entry) =>
          (entry.isDirectory() || (entry.isSymbolicLink() && statSync(path.join(base, entry.name), { throwIfNoEntry: false })?.isDirectory())) &&
          findProjectFile(path.join(base, entry.name)),
      )
      .map((entry) => {
        const dir = path.join(base, entry.name);
        return { name: packageName(dir, { file: path.posix.join(installPath, entry.name) }), dir };
      })
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}
