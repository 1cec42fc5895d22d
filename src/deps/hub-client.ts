import { DependencyError } from './errors';
import { httpGet } from './http';

const DEFAULT_HUB = 'https://hub.getdbt.com/';
const TIMEOUT_MS = 30_000;

/** One version of a hub package, from `api/v1/<namespace>/<name>.json`. */
export interface HubVersion {
  /** The package's project name (its folder under dbt_packages/). */
  name: string;
  packages: unknown[];
  tarball: string;
  requireDbtVersion?: unknown;
}

/** The hub's base URL: DBT_PACKAGE_HUB_URL when set, as in dbt-core, else hub.getdbt.com. */
export function hubBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DBT_PACKAGE_HUB_URL || DEFAULT_HUB;
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The package hub's API as dbt-core's registry client reads it: `api/v1/index.json` lists every package
 * (`namespace/name`), `api/v1/<namespace>/<name>.json` holds `{name, namespace, versions: {<version>: {name,
 * packages, downloads: {tarball}, require_dbt_version}}}`. Answers are cached for the run.
 */
export class HubClient {
  private indexCache?: Promise<string[]>;
  private readonly packageCache = new Map<string, Promise<Map<string, HubVersion>>>();

  constructor(
    readonly baseUrl: string,
    private readonly warn: (message: string) => void,
  ) {}

  private url(name: string): string {
    return `${this.baseUrl}api/v1/${name}.json`;
  }

  index(): Promise<string[]> {
    this.indexCache ??= this.getJson(this.url('index'), 'the package index').then((body) => {
      if (!Array.isArray(body)) throw this.badResponse(this.url('index'), 'the package index', 'expected a list of package names');
      return body.map(String);
    });
    return this.indexCache;
  }

  versions(pkg: string): Promise<Map<string, HubVersion>> {
    let cached = this.packageCache.get(pkg);
    if (!cached) {
      cached = this.fetchVersions(pkg);
      this.packageCache.set(pkg, cached);
    }
    return cached;
  }

  private async fetchVersions(pkg: string): Promise<Map<string, HubVersion>> {
    const url = this.url(pkg);
    const body = await this.getJson(url, `package ${pkg}`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw this.badResponse(url, `package ${pkg}`, 'expected a JSON object');
    const response = body as Record<string, unknown>;
    if (!('name' in response) || typeof response.versions !== 'object' || response.versions === null) {
      throw this.badResponse(url, `package ${pkg}`, 'expected the keys name and versions');
    }
    if ('redirectnamespace' in response || 'redirectname' in response) {
      const namespace = response.redirectnamespace || response.namespace;
      const name = response.redirectname || response.name;
      this.warn(
        `The package ${pkg} is deprecated in favor of ${namespace}/${name}. Please update your \`packages.yml\` configuration to use ${namespace}/${name} instead.`,
      );
    }
    const versions = new Map<string, HubVersion>();
    for (const [version, raw] of Object.entries(response.versions as Record<string, unknown>)) {
      const info = raw as Record<string, unknown>;
      const tarball = (info?.downloads as Record<string, unknown> | undefined)?.tarball;
      if (typeof info?.name !== 'string' || !Array.isArray(info.packages) || typeof tarball !== 'string') {
        throw this.badResponse(url, `package ${pkg}`, `version ${version} lacks name, packages or downloads.tarball`);
      }
      versions.set(version, { name: info.name, packages: info.packages, tarball, requireDbtVersion: info.require_dbt_version });
    }
    return versions;
  }

  private async getJson(url: string, what: string): Promise<unknown> {
    const bytes = await httpGet(url, what, TIMEOUT_MS);
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw this.badResponse(url, what, 'the answer is not JSON');
    }
  }

  private badResponse(url: string, what: string, reason: string): DependencyError {
    return new DependencyError(
      `${what}: unexpected answer from the package hub at ${url}: ${reason}`,
      undefined,
      'check DBT_PACKAGE_HUB_URL points at a dbt package hub',
    );
  }
}
