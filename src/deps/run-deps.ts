import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';
import { HubClient } from './hub-client';
import { installLocked, type InstallReport } from './install';
import { readLockFile, writeLockFile, type LockFile } from './lock-file';
import { packagesHash } from './package-entries';
import { packageRenderer } from './package-renderer';
import { readPackageProject, PackageSources } from './package-sources';
import { addPackageEntry, inline, newPackageEntry, readPackagesFile } from './packages-file';
import { resolvePackages } from './resolve';
import { satisfies } from './semver';

export interface DepsOptions {
  rootDir: string;
  projectName: string;
  installPath: string;
  cliVars: Record<string, unknown>;
  /** --upgrade: resolve again even though package-lock.yml matches the packages file. */
  upgrade: boolean;
  /** --lock: write package-lock.yml without installing. */
  lockOnly: boolean;
  /** --add-package name@version, from --source (hub by default). */
  addPackage?: string;
  source: string;
  hubUrl: string;
  dbtVersion: string;
  report: InstallReport;
}

export const ADD_PACKAGE_SOURCES = ['hub', 'git', 'local'];

function addPackage(options: DepsOptions, render: ReturnType<typeof packageRenderer>): void {
  const spec = options.addPackage!;
  const at = spec.lastIndexOf('@');
  const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  if (!ADD_PACKAGE_SOURCES.includes(options.source)) {
    throw new ProjectError(`--source must be one of ${ADD_PACKAGE_SOURCES.join(', ')}, not '${options.source}'`);
  }
  if (!version && options.source !== 'local') {
    throw new ProjectError(
      `Version is required in --add-package when the source is ${options.source}`,
      undefined,
      `write it as --add-package ${name}@<version>${options.source === 'git' ? ' (a branch, tag or commit)' : ''}`,
    );
  }
  const current = readPackagesFile(options.rootDir, render);
  if (!current.exists) options.report.info('Created packages.yml');
  const removed = addPackageEntry(options.rootDir, current.file, newPackageEntry(name, version, options.source), name);
  for (const entry of removed) options.report.info(`Found duplicate package in ${current.file}, removing: ${inline(entry)}`);
  options.report.info(`Added new package ${name}@${version ?? ''} to ${path.join(options.rootDir, current.file)}`);
}

/**
 * A fresh folder beside the install path (so that moving packages in is a rename), after removing those an
 * interrupted run left behind.
 */
function newWorkDir(installDir: string): string {
  const parent = path.dirname(installDir);
  const prefix = `.${path.basename(installDir)}-tsdbt-`;
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  return mkdtempSync(path.join(parent, prefix));
}

/**
 * `deps`, as dbt runs it: package-lock.yml is written again when it is missing, made from another packages file
 * (its sha1_hash differs) or --upgrade is given; the packages are then installed from the lock.
 */
export async function runDeps(options: DepsOptions): Promise<void> {
  const { rootDir, report } = options;
  const render = packageRenderer(options.cliVars);
  if (options.addPackage) addPackage(options, render);
  const packages = readPackagesFile(rootDir, render);
  const hash = packagesHash(packages.entries);
  let lock: LockFile | undefined = readLockFile(rootDir, render);

  const installDir = path.resolve(rootDir, options.installPath);
  const workDir = newWorkDir(installDir);
  try {
    const hub = new HubClient(options.hubUrl, report.warn);
    const sources = new PackageSources({
      rootDir,
      downloadsDir: process.env.DBT_DOWNLOADS_DIR || path.join(workDir, 'downloads'),
      hub,
      render,
      warn: report.warn,
    });
    if (packages.entries.length === 0) {
      report.info(`Warning: No packages were found in ${packages.file}`);
      if (!options.lockOnly) await installLocked([], { installDir, workDir, sources, dbtVersion: options.dbtVersion, report });
      return;
    }
    if (!lock || options.upgrade || lock.sha1Hash !== hash) {
      const resolved = await resolvePackages(packages.entries, sources, { rootName: options.projectName, dbtVersion: options.dbtVersion });
      lock = { packages: resolved.map(({ pinned, name }) => ({ pinned, name })), sha1Hash: hash };
      report.info(`Updating lock file in file path: ${writeLockFile(rootDir, { packages: lock.packages, sha1Hash: hash })}`);
    }
    if (options.lockOnly) return;
    await installLocked(lock.packages, { installDir, workDir, sources, dbtVersion: options.dbtVersion, report });
    for (const { pinned, name } of lock.packages) {
      if (!name || pinned.kind === 'local') continue;
      const project = readPackageProject(path.join(installDir, name), `package ${name}`);
      if (!satisfies(options.dbtVersion, project.requireDbtVersion)) {
        report.warn(
          `The package ${name} requires dbt version ${JSON.stringify(project.requireDbtVersion)}; tsdbt follows dbt ${options.dbtVersion}. ` +
            `It may use features tsdbt does not have: check for another version of ${name} if the project fails to build.`,
        );
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
