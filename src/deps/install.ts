import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { lockDict, type LockedPackage } from './lock-file';
import type { PackageSources } from './package-sources';
import { latestHubVersion, type Pinned } from './resolve';

/**
 * What each installed package was installed from (its lock entry), kept beside the packages so that the next `deps`
 * leaves a package already at its locked version alone, without the network.
 */
export const INSTALL_RECORD = '.tsdbt-installed.json';

export interface InstallReport {
  info: (message: string) => void;
  warn: (message: string) => void;
}

function readRecord(installDir: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(path.join(installDir, INSTALL_RECORD), 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Moves a folder, copying when it lives on another file system (a DBT_DOWNLOADS_DIR elsewhere). */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    rmSync(from, { recursive: true, force: true });
  }
}

function nicePinned(pinned: Pinned): string {
  switch (pinned.kind) {
    case 'hub':
      return `version ${pinned.version}`;
    case 'git':
    case 'private':
      return pinned.revision === 'HEAD' ? 'HEAD (default revision)' : `revision ${pinned.revision}`;
    case 'tarball':
      return `tarball (url: ${pinned.tarball})`;
    case 'local':
      return `<local @ ${pinned.local}>`;
  }
}

function installingName(pinned: Pinned): string {
  switch (pinned.kind) {
    case 'hub':
      return pinned.package;
    case 'git':
      return pinned.subdirectory ? `${pinned.git}/${pinned.subdirectory}` : pinned.git;
    case 'private':
      return pinned.private;
    case 'tarball':
      return pinned.name;
    case 'local':
      return pinned.local;
  }
}

/**
 * Installs the locked packages into `installDir`. Every fetched package is put together in `workDir` (beside the
 * install path, so that moving it in is a rename), and the install path changes only once all of them are there: a
 * failed download or checkout leaves the previous install as it was. Packages already installed at their locked
 * version are kept without fetching them; packages no longer locked are removed, as dbt empties the folder.
 */
export async function installLocked(
  locked: LockedPackage[],
  options: { installDir: string; workDir: string; sources: PackageSources; dbtVersion: string; report: InstallReport },
): Promise<void> {
  const { installDir, workDir, sources, report } = options;
  const staging = path.join(workDir, 'staging');
  mkdirSync(staging, { recursive: true });
  const previous = readRecord(installDir);
  const record: Record<string, unknown> = {};
  const staged: string[] = [];
  const updates: string[] = [];

  for (const { pinned, name: lockedName } of locked) {
    const shown = installingName(pinned);
    report.info(`Installing ${shown}`);
    const name = lockedName ?? (await sources.metadata(pinned)).name;
    const entry = lockDict(pinned, name);
    record[name] = entry;
    const current = path.join(installDir, name);
    if (pinned.kind !== 'local' && isDeepStrictEqual(previous[name], entry) && existsSync(current)) {
      report.info(`Installed from ${nicePinned(pinned)} (already installed, not fetched again)`);
      continue;
    }
    const target = path.join(staging, name);
    if (pinned.kind === 'local') {
      const source = (await sources.fetch(pinned)).dir;
      try {
        symlinkSync(source, target, 'dir');
      } catch {
        cpSync(source, target, { recursive: true });
      }
    } else {
      move((await sources.fetch(pinned)).dir, target);
    }
    staged.push(name);
    report.info(`Installed from ${nicePinned(pinned)}`);
    if (pinned.kind === 'hub') {
      const latest = latestHubVersion(await sources.hubVersions(pinned.package), options.dbtVersion);
      if (latest && latest !== pinned.version) {
        updates.push(pinned.package);
        report.info(`Updated version available: ${latest}`);
      } else report.info('Up to date!');
    }
    if ((pinned.kind === 'git' || pinned.kind === 'private') && pinned.subdirectory) report.info(`and subdirectory ${pinned.subdirectory}`);
  }

  // Everything is fetched: swap the new packages in, set aside the ones replaced or no longer wanted.
  mkdirSync(installDir, { recursive: true });
  const replaced = path.join(workDir, 'replaced');
  mkdirSync(replaced, { recursive: true });
  for (const entry of readdirSync(installDir)) {
    if (entry === INSTALL_RECORD) continue;
    const keep = entry in record && !staged.includes(entry);
    if (!keep) move(path.join(installDir, entry), path.join(replaced, entry));
  }
  for (const name of staged) renameSync(path.join(staging, name), path.join(installDir, name));
  writeFileSync(path.join(installDir, INSTALL_RECORD), JSON.stringify(record, null, 2) + '\n');

  if (updates.length > 0) {
    report.info('');
    report.info(`Updates available for packages: [${updates.map((u) => `'${u}'`).join(', ')}]\nUpdate your versions in packages.yml, then run tsdbt deps`);
  }
}
