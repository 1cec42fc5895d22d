import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ProjectError } from '../errors';
import { isPlainObject, parseYaml } from '../project/yaml-file';
import { parseEntries, writtenForm, type PackageEntry } from './package-entries';
import { renderTree, type RenderValue } from './packages-file';
import type { Pinned } from './resolve';

export const LOCK_FILE = 'package-lock.yml';

export interface LockedPackage {
  pinned: Pinned;
  /** The package's project name: its folder under the install path. */
  name?: string;
}

export interface LockFile {
  packages: LockedPackage[];
  sha1Hash?: string;
}

/** A pinned package as dbt writes it in package-lock.yml (its `to_dict()` plus `name`). */
export function lockDict(pinned: Pinned, name: string | undefined): Record<string, unknown> {
  let dict: Record<string, unknown>;
  switch (pinned.kind) {
    case 'hub':
      dict = { package: pinned.package, version: pinned.version };
      break;
    case 'git':
      dict = { git: pinned.written ?? pinned.git, revision: pinned.revision, ...(pinned.subdirectory ? { subdirectory: pinned.subdirectory } : {}) };
      break;
    case 'private':
      dict = {
        private: pinned.private,
        ...(pinned.provider ? { provider: pinned.provider } : {}),
        revision: pinned.revision,
        ...(pinned.subdirectory ? { subdirectory: pinned.subdirectory } : {}),
      };
      break;
    case 'tarball':
      dict = { tarball: pinned.written ?? pinned.tarball };
      break;
    case 'local':
      dict = { local: pinned.local };
      break;
  }
  return name === undefined ? dict : { ...dict, name };
}

const sortKeys = (dict: Record<string, unknown>) => Object.fromEntries(Object.entries(dict).sort(([a], [b]) => (a < b ? -1 : 1)));

/** package-lock.yml as dbt's PyYAML dump writes it: keys sorted, lists indented, ambiguous strings single-quoted. */
export function renderLockFile(lock: { packages: LockedPackage[]; sha1Hash: string }): string {
  const body = { packages: lock.packages.map((p) => sortKeys(lockDict(p.pinned, p.name))), sha1_hash: lock.sha1Hash };
  return stringify(body, { indentSeq: true, singleQuote: true, lineWidth: 0 });
}

export function writeLockFile(rootDir: string, lock: { packages: LockedPackage[]; sha1Hash: string }): string {
  const file = path.join(rootDir, LOCK_FILE);
  writeFileSync(file, renderLockFile(lock));
  return file;
}

/** The pinned package a lock entry stands for (a lock entry is a packages.yml entry pinned to one version). */
export function pinnedFromEntry(entry: PackageEntry): Pinned {
  const where = entry.origin;
  switch (entry.kind) {
    case 'hub':
      if (entry.versions.length !== 1)
        throw new ProjectError(`the locked package ${entry.package} must have one exact version`, where, 'run `tsdbt deps --upgrade` to write the lock again');
      return { kind: 'hub', package: entry.package, version: entry.versions[0].replace(/^=/, '') };
    case 'git':
      return {
        kind: 'git',
        git: entry.git,
        revision: entry.revision ?? 'HEAD',
        subdirectory: entry.subdirectory,
        warnUnpinned: entry.warnUnpinned !== false,
        written: writtenForm(entry, 'git'),
      };
    case 'private':
      return {
        kind: 'private',
        private: entry.private,
        provider: entry.provider,
        revision: entry.revision ?? 'HEAD',
        subdirectory: entry.subdirectory,
        warnUnpinned: entry.warnUnpinned !== false,
      };
    case 'tarball':
      return { kind: 'tarball', tarball: entry.tarball, name: entry.name, written: writtenForm(entry, 'tarball') };
    case 'local':
      return { kind: 'local', local: entry.local };
  }
}

/** package-lock.yml, its Jinja rendered as the packages file's is. */
export function readLockFile(rootDir: string, render: RenderValue): LockFile | undefined {
  const file = path.join(rootDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const yaml = parseYaml(readFileSync(file, 'utf8'), LOCK_FILE);
  if (!isPlainObject(yaml.value)) return { packages: [] };
  const raw = yaml.value.packages;
  const rendered = renderTree(raw, (text) => render(text, LOCK_FILE));
  const entries = parseEntries(rendered, raw, (i) => ({ file: LOCK_FILE, line: yaml.lineOf(['packages', i]) }));
  const sha1Hash = typeof yaml.value.sha1_hash === 'string' ? yaml.value.sha1_hash : undefined;
  return { packages: entries.map((entry) => ({ pinned: pinnedFromEntry(entry), name: entry.name })), sha1Hash };
}
