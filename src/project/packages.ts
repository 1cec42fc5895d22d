import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';
import { findProjectFile } from './project-file';
import { isPlainObject, readYaml } from './yaml-file';

/** One entry of packages.yml / dependencies.yml. */
export interface PackageSpec {
  local?: string;
  package?: string;
  git?: string;
  version?: unknown;
  line?: number;
}

export interface InstalledPackage {
  name: string;
  dir: string;
}

const PACKAGE_FILES = ['packages.yml', 'dependencies.yml'];

export function readPackageSpecs(rootDir: string): { file: string; specs: PackageSpec[] } | undefined {
  const file = PACKAGE_FILES.find((f) => existsSync(path.join(rootDir, f)));
  if (!file) return undefined;
  const yaml = readYaml(path.join(rootDir, file), file);
  const list = isPlainObject(yaml.value) && Array.isArray(yaml.value.packages) ? yaml.value.packages : [];
  return { file, specs: list.map((entry, i) => ({ ...(isPlainObject(entry) ? entry : {}), line: yaml.lineOf(['packages', i]) }) as PackageSpec) };
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
 * `deps`: copies `local:` packages into the install path. Hub and git packages need the network, which tsdbt does not
 * use: they must already be in the install path (as `dbt deps` leaves them).
 */
export function installPackages(rootDir: string, installPath: string): { installed: string[]; present: string[] } {
  const specs = readPackageSpecs(rootDir);
  const installed: string[] = [];
  const present: string[] = [];
  if (!specs) return { installed, present };
  const target = path.join(rootDir, installPath);
  for (const spec of specs.specs) {
    const where = { file: specs.file, line: spec.line };
    if (spec.local) {
      const source = path.resolve(rootDir, spec.local);
      if (!existsSync(source))
        throw new ProjectError(`local package folder ${spec.local} does not exist`, where, 'fix the `local:` path (relative to the project folder)');
      const name = packageName(source, where);
      rmSync(path.join(target, name), { recursive: true, force: true });
      cpSync(source, path.join(target, name), { recursive: true, filter: (src) => !src.split(path.sep).includes('target') });
      installed.push(name);
      continue;
    }
    const wanted = spec.package ?? spec.git ?? '(unnamed)';
    const short = wanted
      .split('/')
      .pop()!
      .replace(/\.git$/, '')
      .replace(/-/g, '_');
    const already = listInstalledPackages(rootDir, installPath).find((p) => p.name === short || path.basename(p.dir) === short);
    if (!already) {
      throw new ProjectError(
        `package '${wanted}' cannot be downloaded: tsdbt installs only local packages`,
        where,
        `put the package under ${installPath}/ (for example with \`dbt deps\`), or use \`local: <folder>\``,
      );
    }
    present.push(already.name);
  }
  return { installed, present };
}

/** Packages under the install path (dbt_packages/), each with its own dbt_project.yml. */
export function listInstalledPackages(rootDir: string, installPath: string): InstalledPackage[] {
  const base = path.join(rootDir, installPath);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && findProjectFile(path.join(base, entry.name)))
    .map((entry) => {
      const dir = path.join(base, entry.name);
      return { name: packageName(dir, { file: path.posix.join(installPath, entry.name) }), dir };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
