import path from 'node:path';
import { installPackages } from '../../project/packages';
import { loadProjectFile } from '../../project/project-file';

/** `deps`: installs the packages of packages.yml / dependencies.yml (local ones) without parsing the project. */
export function depsCommand(projectDir: string, print: (line: string) => void): number {
  const rootDir = path.resolve(projectDir);
  const project = loadProjectFile(rootDir, (text) => text);
  const { installed, present } = installPackages(rootDir, project.packagesInstallPath);
  for (const name of installed) print(`Installed ${name} into ${project.packagesInstallPath}/${name}`);
  for (const name of present) print(`Found ${name} already in ${project.packagesInstallPath}/`);
  if (installed.length === 0 && present.length === 0) print('No packages to install (no packages.yml or dependencies.yml entries).');
  return 0;
}
