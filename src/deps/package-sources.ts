import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findProjectFile } from '../project/project-file';
import { isPlainObject, readYaml } from '../project/yaml-file';
import { DependencyError } from './errors';
import { gitCheckout } from './git';
import type { HubClient, HubVersion } from './hub-client';
import { parseEntries } from './package-entries';
import { readPackagesFile, type RenderValue } from './packages-file';
import { pinnedLabel, type PackageMetadata, type Pinned, type ResolveSources } from './resolve';
import { downloadTarball } from './tarball';

/** A package's files on disk, ready to be moved (or linked, for local packages) into the install path. */
export interface FetchedPackage {
  dir: string;
  commit?: string;
}

/** The `name:` and `require-dbt-version:` of the dbt_project.yml in `dir`. */
export function readPackageProject(dir: string, what: string): { name: string; requireDbtVersion?: unknown } {
  const file = findProjectFile(dir);
  if (!file) throw new DependencyError(`${what} is not a dbt package: ${dir} has no dbt_project.yml`);
  const yaml = readYaml(path.join(dir, file), file);
  const name = isPlainObject(yaml.value) ? yaml.value.name : undefined;
  if (typeof name !== 'string' || name === '') throw new DependencyError(`${what} has no \`name:\` in its ${file}`);
  return { name, requireDbtVersion: isPlainObject(yaml.value) ? yaml.value['require-dbt-version'] : undefined };
}

/** The URL of a `private:` package: its provider's HTTPS address (credentials come from git's own helpers). */
export function privateUrl(repo: string, provider: string | undefined): string {
  switch ((provider ?? 'github').toLowerCase()) {
    case 'github':
      return `https://github.com/${repo}.git`;
    case 'gitlab':
      return `https://gitlab.com/${repo}.git`;
    case 'ado':
    case 'azure_devops': {
      const [org, project, name] = repo.split('/');
      return `https://dev.azure.com/${org}/${project}/_git/${name}`;
    }
    default:
      throw new DependencyError(`private package ${repo}: unknown provider ${provider}`, undefined, 'use provider github, gitlab or ado, or a `git:` URL');
  }
}

const UNPINNED_REVISIONS = new Set(['HEAD', 'main', 'master']);

/** Fetches packages from the hub, tarball URLs, git and local folders into a downloads folder. */
export class PackageSources implements ResolveSources {
  private readonly fetched = new Map<string, Promise<FetchedPackage>>();

  constructor(
    private readonly options: {
      rootDir: string;
      downloadsDir: string;
      hub: HubClient;
      render: RenderValue;
      warn: (message: string) => void;
    },
  ) {}

  hubIndex(): Promise<string[]> {
    return this.options.hub.index();
  }

  hubVersions(pkg: string): Promise<Map<string, HubVersion>> {
    return this.options.hub.versions(pkg);
  }

  async hubVersion(pkg: string, version: string): Promise<HubVersion> {
    const info = (await this.hubVersions(pkg)).get(version);
    if (!info) {
      throw new DependencyError(
        `package ${pkg}: version ${version} is not on the package hub ${this.options.hub.baseUrl}`,
        undefined,
        'run `tsdbt deps --upgrade` to choose an available version',
      );
    }
    return info;
  }

  async metadata(pinned: Pinned): Promise<PackageMetadata> {
    const via = pinnedLabel(pinned);
    if (pinned.kind === 'hub') {
      const info = await this.hubVersion(pinned.package, pinned.version);
      return { name: info.name, packages: parseEntries(info.packages, info.packages, () => ({ file: 'packages.yml', via })) };
    }
    const fetched = await this.fetch(pinned);
    const name = pinned.kind === 'tarball' ? pinned.name : readPackageProject(fetched.dir, `package ${via}`).name;
    return { name, packages: readPackagesFile(fetched.dir, this.options.render, via).entries, commit: fetched.commit };
  }

  /** The package's files; each package is fetched once per run (a git checkout also under its commit). */
  fetch(pinned: Pinned): Promise<FetchedPackage> {
    const key = `${pinned.kind}:${pinnedLabel(pinned)}`;
    let found = this.fetched.get(key);
    if (!found) {
      found = this.fetchOnce(pinned).then((result) => {
        if ((pinned.kind === 'git' || pinned.kind === 'private') && result.commit) {
          this.fetched.set(`${pinned.kind}:${pinnedLabel({ ...pinned, revision: result.commit })}`, Promise.resolve(result));
        }
        return result;
      });
      this.fetched.set(key, found);
    }
    return found;
  }

  private workDir(key: string): string {
    return path.join(this.options.downloadsDir, createHash('md5').update(key).digest('hex'));
  }

  private async fetchOnce(pinned: Pinned): Promise<FetchedPackage> {
    const label = pinnedLabel(pinned);
    switch (pinned.kind) {
      case 'hub': {
        const info = await this.hubVersion(pinned.package, pinned.version);
        return { dir: await downloadTarball(info.tarball, this.workDir(`hub:${label}`), `package ${label}`) };
      }
      case 'tarball':
        return { dir: await downloadTarball(pinned.tarball, this.workDir(`tarball:${label}`), `package ${pinned.name}`) };
      case 'git':
      case 'private': {
        const url = pinned.kind === 'git' ? pinned.git : privateUrl(pinned.private, pinned.provider);
        if (pinned.warnUnpinned && UNPINNED_REVISIONS.has(pinned.revision)) {
          const how = pinned.revision === 'HEAD' ? 'not pinned, using HEAD (default branch)' : `pinned to the "${pinned.revision}" branch`;
          this.options.warn(
            `The git package "${url}" is ${how}. This can introduce breaking changes into your project without warning! See https://docs.getdbt.com/docs/package-management#section-specifying-package-versions`,
          );
        }
        const checkout = this.workDir(`git:${url}#${pinned.subdirectory ?? ''}`);
        const revision = pinned.revision === 'HEAD' ? undefined : pinned.revision;
        const commit = await gitCheckout(url, revision, pinned.subdirectory, checkout, `package ${url}`);
        return { dir: pinned.subdirectory ? path.join(checkout, pinned.subdirectory) : checkout, commit };
      }
      case 'local': {
        const dir = path.resolve(this.options.rootDir, pinned.local);
        if (!existsSync(dir)) {
          throw new DependencyError(
            `local package folder ${pinned.local} does not exist (${dir})`,
            undefined,
            'fix the `local:` path (relative to the project folder)',
          );
        }
        return { dir };
      }
    }
  }
}
