import { DependencyError } from './errors';
import type { HubVersion } from './hub-client';
import { describeOrigin, writtenForm, type EntryOrigin, type PackageEntry } from './package-entries';
import { highestInRange, installableVersions, parseVersion, rangeString, reduceVersions, satisfies, VersionConflict, type VersionRange } from './semver';

/** A package pinned to one version: what resolution yields and what package-lock.yml records. */
export type Pinned =
  | { kind: 'hub'; package: string; version: string }
  | { kind: 'git'; git: string; revision: string; subdirectory?: string; warnUnpinned: boolean; written?: string }
  | { kind: 'private'; private: string; provider?: string; revision: string; subdirectory?: string; warnUnpinned: boolean }
  | { kind: 'tarball'; tarball: string; name: string; written?: string }
  | { kind: 'local'; local: string };

/** What a pinned package is called and what it needs in turn. */
export interface PackageMetadata {
  name: string;
  packages: PackageEntry[];
  /** The commit a git revision stands for, recorded in the lock instead of a branch or tag. */
  commit?: string;
}

/** The I/O resolution needs: the hub's answers and each package's own metadata. */
export interface ResolveSources {
  hubIndex(): Promise<string[]>;
  hubVersions(pkg: string): Promise<Map<string, HubVersion>>;
  metadata(pinned: Pinned): Promise<PackageMetadata>;
}

interface Requirement {
  value: string;
  origin: EntryOrigin;
}

/** A package before pinning: every requirement on it collected from the project and the packages it installs. */
type Unpinned =
  | { kind: 'hub'; package: string; requirements: { versions: string[]; origin: EntryOrigin }[]; installPrerelease: boolean }
  | { kind: 'git'; git: string; subdirectory?: string; revisions: Requirement[]; warnUnpinned: boolean; origin: EntryOrigin; written?: string }
  | { kind: 'private'; private: string; provider?: string; subdirectory?: string; revisions: Requirement[]; warnUnpinned: boolean; origin: EntryOrigin }
  | { kind: 'tarball'; tarball: string; name: string; origin: EntryOrigin; written?: string }
  | { kind: 'local'; local: string; origin: EntryOrigin };

function unpinnedFrom(entry: PackageEntry): Unpinned {
  const origin = entry.origin;
  const revisions = (revision: string | undefined) => (revision === undefined ? [] : [{ value: revision, origin }]);
  switch (entry.kind) {
    case 'hub':
      return { kind: 'hub', package: entry.package, requirements: [{ versions: entry.versions, origin }], installPrerelease: entry.installPrerelease };
    case 'git':
      return {
        kind: 'git',
        git: entry.git,
        subdirectory: entry.subdirectory,
        revisions: revisions(entry.revision),
        warnUnpinned: entry.warnUnpinned !== false,
        origin,
        written: writtenForm(entry, 'git'),
      };
    case 'private':
      return {
        kind: 'private',
        private: entry.private,
        provider: entry.provider,
        subdirectory: entry.subdirectory,
        revisions: revisions(entry.revision),
        warnUnpinned: entry.warnUnpinned !== false,
        origin,
      };
    case 'tarball':
      return { kind: 'tarball', tarball: entry.tarball, name: entry.name, origin, written: writtenForm(entry, 'tarball') };
    case 'local':
      return { kind: 'local', local: entry.local, origin };
  }
}

/** The names a package is known by; a git URL with and without `.git` is one package. */
function namesOf(p: Unpinned): string[] {
  switch (p.kind) {
    case 'hub':
      return [p.package];
    case 'git': {
      const other = p.git.endsWith('.git') ? p.git.slice(0, -4) : `${p.git}.git`;
      return p.subdirectory ? [`${p.git}/${p.subdirectory}`, `${other}/${p.subdirectory}`] : [p.git, other];
    }
    case 'private':
      return [p.subdirectory ? `${p.private}/${p.subdirectory}` : p.private];
    case 'tarball':
      return [p.tarball];
    case 'local':
      return [p.local];
  }
}

const KIND_LABEL = { hub: 'hub package', git: 'git package', private: 'private package', tarball: 'tarball package', local: 'local package' };

/** Where to point an error about an entry of the project's own packages file. */
function rootLocation(origin: EntryOrigin): { file: string; line?: number } | undefined {
  return origin.via ? undefined : { file: origin.file, line: origin.line };
}

function firstOrigin(p: Unpinned): EntryOrigin {
  if (p.kind === 'hub') return p.requirements[0].origin;
  return p.origin;
}

/** The packages requested so far, keyed by name; requirements on the same package are merged. */
export class PackageListing {
  readonly packages = new Map<string, Unpinned>();

  static from(entries: PackageEntry[]): PackageListing {
    const listing = new PackageListing();
    for (const entry of entries) listing.incorporate(unpinnedFrom(entry));
    return listing;
  }

  keyOf(p: Unpinned): string {
    const names = namesOf(p);
    return names.find((n) => this.packages.has(n)) ?? names[0];
  }

  incorporate(p: Unpinned): void {
    const key = this.keyOf(p);
    const existing = this.packages.get(key);
    if (!existing) {
      this.packages.set(key, p);
      return;
    }
    if (existing.kind !== p.kind) {
      throw new DependencyError(
        `Cannot incorporate ${key} (${KIND_LABEL[p.kind]}, ${describeOrigin(firstOrigin(p))}) in ${key} (${KIND_LABEL[existing.kind]}, ${describeOrigin(firstOrigin(existing))}): mismatched types`,
      );
    }
    if (existing.kind === 'hub' && p.kind === 'hub') this.packages.set(key, { ...existing, requirements: [...existing.requirements, ...p.requirements] });
    else if ((existing.kind === 'git' && p.kind === 'git') || (existing.kind === 'private' && p.kind === 'private')) {
      this.packages.set(key, { ...existing, revisions: [...existing.revisions, ...p.revisions], warnUnpinned: existing.warnUnpinned && p.warnUnpinned });
    }
  }

  get(p: Unpinned): Unpinned {
    return this.packages.get(this.keyOf(p))!;
  }

  get size(): number {
    return this.packages.size;
  }

  [Symbol.iterator](): IterableIterator<Unpinned> {
    return this.packages.values();
  }
}

/** The outcome of choosing a hub version. */
export interface HubChoice {
  version: string;
  /** The newest version this dbt can install, for "Updated version available". */
  latest: string;
}

function requirementText(versions: string[]): string {
  return versions.length === 1 ? versions[0] : `[${versions.map((v) => `"${v}"`).join(', ')}]`;
}

/**
 * The range every requirement allows; when they cannot all hold, an error naming two requirements that conflict (in
 * one dimension, some pair of ranges is always disjoint when the whole set is) and where each comes from.
 */
export function requiredRange(pkg: string, requirements: { versions: string[]; origin: EntryOrigin }[]): VersionRange {
  try {
    return reduceVersions(requirements.flatMap((r) => r.versions));
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw new DependencyError(`Version error for package ${pkg}: ${(error as Error).message}`);
    for (let i = 0; i < requirements.length; i++) {
      for (let j = i + 1; j < requirements.length; j++) {
        try {
          reduceVersions([...requirements[i].versions, ...requirements[j].versions]);
        } catch {
          const a = requirements[i];
          const b = requirements[j];
          throw new DependencyError(
            `Version error for package ${pkg}: ${error.message}\n` +
              `  ${requirementText(a.versions)} is required by ${describeOrigin(a.origin)}\n` +
              `  ${requirementText(b.versions)} is required by ${describeOrigin(b.origin)}`,
            undefined,
            'widen one of the two requirements so that some version satisfies both',
          );
        }
      }
    }
    throw new DependencyError(`Version error for package ${pkg}: ${error.message}`);
  }
}

/**
 * dbt's choice among a hub package's versions: the highest inside the required range, releases only unless
 * prereleases are allowed or asked for, preferring versions whose `require_dbt_version` admits `dbtVersion`. Where
 * only incompatible versions fit, the highest of them is taken instead of dbt's error (deps then warns about it).
 */
export function chooseHubVersion(
  pkg: string,
  requirements: { versions: string[]; origin: EntryOrigin }[],
  available: Map<string, HubVersion>,
  installPrerelease: boolean,
  dbtVersion: string,
): HubChoice {
  const range = requiredRange(pkg, requirements);
  const askedPrerelease = requirements.some((r) => r.versions.some((v) => !!parseVersion(v).prerelease));
  const installable = installableVersions([...available.keys()], installPrerelease || askedPrerelease);
  const compatible = installable.filter((v) => satisfies(dbtVersion, available.get(v)!.requireDbtVersion));
  const target = highestInRange(range, compatible);
  if (target) return { version: target, latest: latestHubVersion(available, dbtVersion)! };
  const fallback = highestInRange(range, installable);
  if (!fallback) {
    throw new DependencyError(
      `Could not find a matching compatible version for package ${pkg}\n  Requested range: ${rangeString(range)}\n  Compatible versions: [${installable.map((v) => `'${v}'`).join(', ')}]`,
      undefined,
      `change the version requirement of ${pkg} (${requirements.map((r) => describeOrigin(r.origin)).join(', ')})`,
    );
  }
  return { version: fallback, latest: latestHubVersion(available, dbtVersion)! };
}

/** The newest release of a hub package that `dbtVersion` can install (any release when none declares it can). */
export function latestHubVersion(available: Map<string, Pick<HubVersion, 'requireDbtVersion'>>, dbtVersion: string): string | undefined {
  const installable = installableVersions([...available.keys()], false);
  const compatible = installable.filter((v) => satisfies(dbtVersion, available.get(v)!.requireDbtVersion));
  return (compatible.length ? compatible : installable).pop();
}

/** Pins a git package: one revision (the default branch when none is given); two different ones are an error. */
function pinGit(p: Extract<Unpinned, { kind: 'git' | 'private' }>): Pinned {
  const distinct = [...new Map(p.revisions.map((r) => [r.value, r])).values()];
  if (distinct.length > 1) {
    const where = distinct.map((r) => `  ${r.value} is required by ${describeOrigin(r.origin)}`).join('\n');
    throw new DependencyError(
      `git dependencies should contain exactly one version. ${namesOf(p)[0]} contains: {${distinct.map((r) => `'${r.value}'`).join(', ')}}\n${where}`,
      undefined,
      'require the same revision everywhere',
    );
  }
  const revision = distinct[0]?.value ?? 'HEAD';
  if (p.kind === 'git') return { kind: 'git', git: p.git, revision, subdirectory: p.subdirectory, warnUnpinned: p.warnUnpinned, written: p.written };
  return { kind: 'private', private: p.private, provider: p.provider, revision, subdirectory: p.subdirectory, warnUnpinned: p.warnUnpinned };
}

export interface ResolvedPackage {
  pinned: Pinned;
  name: string;
  /** For hub packages: the newest version available to this dbt. */
  latest?: string;
}

export function pinnedLabel(pinned: Pinned): string {
  switch (pinned.kind) {
    case 'hub':
      return `${pinned.package}@${pinned.version}`;
    case 'git':
      return `${pinned.git}${pinned.subdirectory ? `/${pinned.subdirectory}` : ''}@${pinned.revision}`;
    case 'private':
      return `${pinned.private}${pinned.subdirectory ? `/${pinned.subdirectory}` : ''}@${pinned.revision}`;
    case 'tarball':
      return pinned.tarball;
    case 'local':
      return pinned.local;
  }
}

/**
 * Resolves the project's packages and theirs as dbt does: requirements on one package are merged as they are met,
 * the merged requirement is pinned (the highest hub version that fits every range seen so far), and the pinned
 * package's own packages are queued in turn. Each pinned package's metadata is read once, so cycles end.
 */
export async function resolvePackages(
  entries: PackageEntry[],
  sources: ResolveSources,
  options: { rootName: string; dbtVersion: string },
): Promise<ResolvedPackage[]> {
  const pin = async (p: Unpinned): Promise<{ pinned: Pinned; latest?: string }> => {
    switch (p.kind) {
      case 'hub': {
        const index = await sources.hubIndex().catch((error: unknown) => {
          throw error instanceof DependencyError
            ? new DependencyError(`package ${p.package}: ${error.message}`, rootLocation(p.requirements[0].origin), error.hint)
            : error;
        });
        if (!index.includes(p.package)) {
          throw new DependencyError(
            `Package ${p.package} was not found in the package index`,
            rootLocation(p.requirements[0].origin),
            `check the name at ${describeOrigin(p.requirements[0].origin)} (hub packages are written namespace/name)`,
          );
        }
        const choice = chooseHubVersion(p.package, p.requirements, await sources.hubVersions(p.package), p.installPrerelease, options.dbtVersion);
        return { pinned: { kind: 'hub', package: p.package, version: choice.version }, latest: choice.latest };
      }
      case 'git':
      case 'private':
        return { pinned: pinGit(p) };
      case 'tarball':
        return { pinned: { kind: 'tarball', tarball: p.tarball, name: p.name, written: p.written } };
      case 'local':
        return { pinned: { kind: 'local', local: p.local } };
    }
  };
  const metadata = new Map<string, Promise<PackageMetadata>>();
  const metadataOf = (pinned: Pinned) => {
    const key = `${pinned.kind}:${pinnedLabel(pinned)}`;
    let found = metadata.get(key);
    if (!found) {
      found = sources.metadata(pinned);
      metadata.set(key, found);
    }
    return found;
  };

  let pending = PackageListing.from(entries);
  const final = new PackageListing();
  const expanded = new Set<string>();
  while (pending.size > 0) {
    const next = new PackageListing();
    for (const p of pending) {
      final.incorporate(p);
      const { pinned } = await pin(final.get(p));
      const label = pinnedLabel(pinned);
      if (expanded.has(label)) continue;
      expanded.add(label);
      const meta = await metadataOf(pinned);
      for (const entry of meta.packages) next.incorporate(unpinnedFrom(entry));
    }
    pending = next;
  }

  const resolved: ResolvedPackage[] = [];
  const seen = new Map<string, Pinned>();
  for (const p of final) {
    const { pinned, latest } = await pin(p);
    const meta = await metadataOf(pinned);
    if ((pinned.kind === 'git' || pinned.kind === 'private') && meta.commit) pinned.revision = meta.commit;
    const name = pinned.kind === 'tarball' ? pinned.name : meta.name;
    if (name === options.rootName) {
      throw new DependencyError(
        `Found a dependency with the same name as the root project "${name}". Package names must be unique in a project. Please rename one of these packages.`,
        undefined,
        `the package is ${pinnedLabel(pinned)}`,
      );
    }
    const other = seen.get(name);
    if (other) {
      throw new DependencyError(
        `Found duplicate project "${name}". This occurs when a dependency has the same project name as some other dependency.`,
        undefined,
        `both ${pinnedLabel(other)} and ${pinnedLabel(pinned)} are called ${name}: keep one of them`,
      );
    }
    seen.set(name, pinned);
    resolved.push({ pinned, name, latest });
  }
  return resolved;
}
