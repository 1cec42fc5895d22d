import { createHash } from 'node:crypto';
import { ProjectError } from '../errors';
import { isPlainObject } from '../project/yaml-file';
import { pythonJsonDumps } from './python-json';
import { isValidVersion, versionRequirements } from './semver';

/** Where a requirement comes from: a line of the project's packages file, or a package's own packages file. */
export interface EntryOrigin {
  file: string;
  line?: number;
  /** The package whose packages file holds the entry (`dbt-labs/dbt_utils@1.3.0`); absent for the root project. */
  via?: string;
}

interface EntryBase {
  origin: EntryOrigin;
  /** The entry as written, before Jinja: part of the hash dbt keeps in package-lock.yml. */
  unrendered: Record<string, unknown>;
  name?: string;
}

export interface HubEntry extends EntryBase {
  kind: 'hub';
  package: string;
  version: unknown;
  versions: string[];
  installPrerelease: boolean;
}

export interface GitEntry extends EntryBase {
  kind: 'git';
  git: string;
  revision?: string;
  warnUnpinned?: boolean;
  subdirectory?: string;
}

export interface PrivateEntry extends EntryBase {
  kind: 'private';
  private: string;
  provider?: string;
  revision?: string;
  warnUnpinned?: boolean;
  subdirectory?: string;
}

export interface TarballEntry extends EntryBase {
  kind: 'tarball';
  tarball: string;
  name: string;
}

export interface LocalEntry extends EntryBase {
  kind: 'local';
  local: string;
}

export type PackageEntry = HubEntry | GitEntry | PrivateEntry | TarballEntry | LocalEntry;

/**
 * A URL as written when Jinja made it (`https://{{ env_var('DBT_ENV_SECRET_TOKEN') }}@...`): dbt records that form in
 * package-lock.yml, so that no secret is written, and renders it again when installing from the lock.
 */
export function writtenForm(entry: PackageEntry, key: 'git' | 'tarball'): string | undefined {
  const raw = entry.unrendered[key];
  return typeof raw === 'string' && raw !== (entry as unknown as Record<string, unknown>)[key] ? raw : undefined;
}

export function describeOrigin(origin: EntryOrigin): string {
  if (origin.via) return `${origin.via} (its ${origin.file})`;
  return origin.line ? `${origin.file}:${origin.line}` : origin.file;
}

const optionalString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const optionalBool = (v: unknown): boolean | undefined => (v === undefined || v === null ? undefined : v === true || v === 'true' || v === 'True');

/** Parses the `packages:` list of packages.yml, dependencies.yml or package-lock.yml (rendered, and as written). */
export function parseEntries(rendered: unknown, unrendered: unknown, originOf: (index: number) => EntryOrigin): PackageEntry[] {
  if (rendered === undefined || rendered === null) return [];
  if (!Array.isArray(rendered)) throw new ProjectError('`packages:` must be a list of packages', originOf(0));
  const raw = Array.isArray(unrendered) ? unrendered : rendered;
  return rendered.map((entry, i) => parseEntry(entry, isPlainObject(raw[i]) ? raw[i] : {}, originOf(i)));
}

function parseEntry(entry: unknown, unrendered: Record<string, unknown>, origin: EntryOrigin): PackageEntry {
  const where = origin.via ? { file: describeOrigin(origin) } : origin;
  if (!isPlainObject(entry)) throw new ProjectError('a package entry must be a mapping (package:, git:, tarball:, local: or private:)', where);
  const name = optionalString(entry.name);
  const base = { origin, unrendered, name };
  const empty = (key: string) => new ProjectError(`a ${key} package is missing the value. It is a required property.`, where);
  if ('package' in entry) {
    const pkg = optionalString(entry.package);
    if (!pkg) throw empty('hub');
    if (entry.version === undefined || entry.version === null || entry.version === '') {
      throw new ProjectError(
        `${pkg} is missing the version. When installing from the Hub package index, version is a required property`,
        where,
        'add `version:` with a version or a range, e.g. [">=1.0.0", "<2.0.0"]',
      );
    }
    if (!pkg.includes('/')) {
      throw new ProjectError(
        `${pkg} was not found in the package index. Packages on the index require a namespace, e.g dbt-labs/dbt_utils`,
        where,
        'write the package as <namespace>/<name>, as hub.getdbt.com lists it',
      );
    }
    const versions = versionRequirements(entry.version);
    const invalid = versions.find((v) => !isValidVersion(v));
    if (invalid !== undefined) {
      throw new ProjectError(
        `"${invalid}" is not a valid semantic version (package ${pkg}).`,
        where,
        'write versions as major.minor.patch, optionally after >=, >, <= or <, e.g. [">=1.0.0", "<2.0.0"]',
      );
    }
    const prerelease = entry['install-prerelease'] ?? entry.install_prerelease;
    return {
      ...base,
      kind: 'hub',
      package: pkg,
      version: entry.version,
      versions,
      installPrerelease: optionalBool(prerelease) ?? false,
    };
  }
  if ('git' in entry) {
    const git = optionalString(entry.git);
    if (!git) throw empty('git');
    return {
      ...base,
      kind: 'git',
      git,
      revision: optionalString(entry.revision),
      warnUnpinned: optionalBool(entry['warn-unpinned']),
      subdirectory: optionalString(entry.subdirectory),
    };
  }
  if ('private' in entry) {
    const repo = optionalString(entry.private);
    if (!repo) throw empty('private');
    return {
      ...base,
      kind: 'private',
      private: repo,
      provider: optionalString(entry.provider),
      revision: optionalString(entry.revision),
      warnUnpinned: optionalBool(entry['warn-unpinned']),
      subdirectory: optionalString(entry.subdirectory),
    };
  }
  if ('tarball' in entry) {
    const tarball = optionalString(entry.tarball);
    if (!tarball) throw empty('tarball');
    if (!name) throw new ProjectError(`the tarball package ${tarball} needs a \`name:\``, where, 'add `name: <the package name>` to the entry');
    return { ...base, kind: 'tarball', tarball, name };
  }
  if ('local' in entry) {
    const local = optionalString(entry.local);
    if (!local) throw empty('local');
    return { ...base, kind: 'local', local };
  }
  throw new ProjectError(
    `unknown package entry with keys ${Object.keys(entry).join(', ') || '(none)'}`,
    where,
    'each entry needs one of package:, git:, tarball:, local: or private:',
  );
}

/** The entry as dbt serialises its package contract before hashing it: every field, None ones included. */
function hashForm(entry: PackageEntry): Record<string, unknown> {
  const raw = entry.unrendered;
  const withName = (dict: Record<string, unknown>) => (entry.name === undefined ? dict : { ...dict, name: entry.name });
  switch (entry.kind) {
    case 'hub':
      return withName({ package: entry.package, version: entry.version, install_prerelease: entry.installPrerelease, unrendered: raw });
    case 'git':
      return withName({
        git: entry.git,
        revision: raw.revision ?? null,
        'warn-unpinned': raw['warn-unpinned'] ?? null,
        subdirectory: entry.subdirectory ?? null,
        unrendered: raw,
      });
    case 'private':
      return withName({
        private: entry.private,
        provider: entry.provider ?? null,
        revision: raw.revision ?? null,
        'warn-unpinned': raw['warn-unpinned'] ?? null,
        subdirectory: entry.subdirectory ?? null,
        unrendered: raw,
      });
    case 'tarball':
      return { tarball: entry.tarball, name: entry.name, unrendered: raw };
    case 'local':
      return withName({ local: entry.local, unrendered: raw });
  }
}

/** The `sha1_hash` dbt writes in package-lock.yml: which packages file the lock was made from. */
export function packagesHash(entries: PackageEntry[]): string {
  const lines = entries.map((e) => pythonJsonDumps(hashForm(e))).sort();
  return createHash('sha1').update(lines.join('\n'), 'utf8').digest('hex');
}
