import { parse } from 'yaml';
import type { HubVersion } from '../../../src/deps/hub-client';
import { parseEntries, type PackageEntry } from '../../../src/deps/package-entries';
import { chooseHubVersion, resolvePackages, type PackageMetadata, type Pinned, type ResolveSources } from '../../../src/deps/resolve';

const entries = (yaml: string, via?: string): PackageEntry[] => {
  const list = (parse(yaml) as { packages: unknown[] }).packages;
  return parseEntries(list, list, (i) => ({ file: 'packages.yml', line: i + 2, via }));
};

/** A hub and git/local packages held in memory: `hub[pkg][version]` = its packages.yml and require-dbt-version. */
function sources(
  hub: Record<string, Record<string, { packages?: unknown[]; requireDbtVersion?: unknown; name?: string }>>,
  others: Record<string, PackageMetadata> = {},
) {
  const fetched: string[] = [];
  const source: ResolveSources = {
    hubIndex: async () => Object.keys(hub),
    hubVersions: async (pkg) =>
      new Map(
        Object.entries(hub[pkg]).map(([version, v]): [string, HubVersion] => [
          version,
          {
            name: v.name ?? pkg.split('/')[1],
            packages: v.packages ?? [],
            tarball: `https://example.com/${pkg}/${version}.tgz`,
            requireDbtVersion: v.requireDbtVersion,
          },
        ]),
      ),
    metadata: async (pinned: Pinned) => {
      if (pinned.kind === 'hub') {
        fetched.push(`${pinned.package}@${pinned.version}`);
        const v = hub[pinned.package][pinned.version];
        const via = `${pinned.package}@${pinned.version}`;
        return { name: v.name ?? pinned.package.split('/')[1], packages: entries(`packages: ${JSON.stringify(v.packages ?? [])}`, via) };
      }
      const key = pinned.kind === 'git' ? pinned.git : pinned.kind === 'local' ? pinned.local : pinned.kind === 'tarball' ? pinned.tarball : pinned.private;
      fetched.push(key);
      return others[key];
    },
  };
  return { source, fetched };
}

const options = { rootName: 'root', dbtVersion: '1.10.0' };
const versions = (...list: string[]) => Object.fromEntries(list.map((v) => [v, {}]));

describe('resolving packages as dbt does', () => {
  test("a package's own requirements narrow the project's range: the highest version inside both", async () => {
    const { source } = sources({
      'acme/alpha': versions('1.0.0', '1.1.0', '1.2.0', '2.0.0'),
      'acme/beta': { '1.0.0': { packages: [{ package: 'acme/alpha', version: ['>=1.1.0', '<2.0.0'] }] } },
    });
    const resolved = await resolvePackages(
      entries('packages:\n  - {package: acme/alpha, version: [">=1.0.0", "<3.0.0"]}\n  - {package: acme/beta, version: 1.0.0}\n'),
      source,
      options,
    );
    expect(resolved.map((r) => [r.name, r.pinned])).toEqual([
      ['alpha', { kind: 'hub', package: 'acme/alpha', version: '1.2.0' }],
      ['beta', { kind: 'hub', package: 'acme/beta', version: '1.0.0' }],
    ]);
    expect(resolved[0].latest).toBe('2.0.0');
  });

  test('transitive packages come in, however deep; a cycle ends', async () => {
    const { source } = sources({
      'a/one': { '1.0.0': { packages: [{ package: 'a/two', version: '>=1.0.0' }] } },
      'a/two': { '1.0.0': { packages: [{ package: 'a/three', version: '1.0.0' }] }, '1.5.0': { packages: [{ package: 'a/three', version: '1.0.0' }] } },
      'a/three': { '1.0.0': { packages: [{ package: 'a/one', version: '1.0.0' }] } },
    });
    const resolved = await resolvePackages(entries('packages:\n  - {package: a/one, version: 1.0.0}\n'), source, options);
    expect(resolved.map((r) => `${r.name}@${(r.pinned as { version: string }).version}`)).toEqual(['one@1.0.0', 'two@1.5.0', 'three@1.0.0']);
  });

  test('a conflict names both requirements and where each comes from', async () => {
    const { source } = sources({
      'acme/alpha': versions('1.0.0', '1.1.0'),
      'acme/beta': { '1.0.0': { packages: [{ package: 'acme/alpha', version: ['>=1.1.0', '<2.0.0'] }] } },
    });
    const run = resolvePackages(entries('packages:\n  - {package: acme/beta, version: 1.0.0}\n  - {package: acme/alpha, version: 1.0.0}\n'), source, options);
    await expect(run).rejects.toThrow(
      "Version error for package acme/alpha: Could not find a satisfactory version from options: ['=1.0.0', '>=1.1.0', '<2.0.0']\n" +
        '  1.0.0 is required by packages.yml:3\n' +
        '  [">=1.1.0", "<2.0.0"] is required by acme/beta@1.0.0 (its packages.yml)',
    );
  });

  test('no version in range is an error listing the versions there are', async () => {
    const { source } = sources({ 'acme/alpha': versions('1.0.0', '1.1.0', '2.0.0-rc1') });
    await expect(resolvePackages(entries('packages:\n  - {package: acme/alpha, version: ">=2.0.0"}\n'), source, options)).rejects.toThrow(
      "Could not find a matching compatible version for package acme/alpha\n  Requested range: >=2.0.0\n  Compatible versions: ['1.0.0', '1.1.0']",
    );
  });

  test('git revisions: one per repository (with or without .git), the default branch when none', async () => {
    const meta = { name: 'g', packages: [] };
    const { source } = sources({}, { 'https://x/g.git': meta, 'https://x/g': meta });
    const one = await resolvePackages(entries('packages:\n  - git: https://x/g.git\n'), source, options);
    expect(one[0].pinned).toEqual({ kind: 'git', git: 'https://x/g.git', revision: 'HEAD', subdirectory: undefined, warnUnpinned: true });
    await expect(
      resolvePackages(entries('packages:\n  - {git: https://x/g.git, revision: v1}\n  - {git: https://x/g, revision: v2}\n'), source, options),
    ).rejects.toThrow(
      "git dependencies should contain exactly one version. https://x/g.git contains: {'v1', 'v2'}\n  v1 is required by packages.yml:2\n  v2 is required by packages.yml:3",
    );
  });

  test('two packages with one project name, or one named as the project, are refused', async () => {
    const { source } = sources(
      { 'acme/utils': { '1.0.0': { name: 'dbt_utils' } } },
      { '../utils': { name: 'dbt_utils', packages: [] }, '../root': { name: 'root', packages: [] } },
    );
    await expect(resolvePackages(entries('packages:\n  - {package: acme/utils, version: 1.0.0}\n  - local: ../utils\n'), source, options)).rejects.toThrow(
      'Found duplicate project "dbt_utils"',
    );
    await expect(resolvePackages(entries('packages:\n  - local: ../root\n'), source, options)).rejects.toThrow(
      'Found a dependency with the same name as the root project "root"',
    );
  });

  test('a package that is not on the hub', async () => {
    const { source } = sources({});
    await expect(resolvePackages(entries('packages:\n  - {package: acme/nope, version: 1.0.0}\n'), source, options)).rejects.toThrow(
      'Package acme/nope was not found in the package index',
    );
  });
});

describe('choosing a hub version', () => {
  const hub = (spec: Record<string, unknown>) =>
    new Map(Object.entries(spec).map(([v, require]): [string, HubVersion] => [v, { name: 'p', packages: [], tarball: '', requireDbtVersion: require }]));
  const req = (...versions: string[]) => [{ versions, origin: { file: 'packages.yml', line: 2 } }];

  test('versions whose require_dbt_version excludes this dbt are passed over, unless only they fit', () => {
    const available = hub({ '1.0.0': ['>=1.3.0', '<2.0.0'], '1.1.0': ['>=99.0.0'] });
    expect(chooseHubVersion('a/p', req('>=1.0.0'), available, false, '1.10.0')).toEqual({ version: '1.0.0', latest: '1.0.0' });
    expect(chooseHubVersion('a/p', req('1.1.0'), available, false, '1.10.0').version).toBe('1.1.0');
  });

  test('prereleases only when allowed or asked for', () => {
    const available = hub({ '1.0.0': undefined, '1.1.0-rc1': undefined });
    expect(chooseHubVersion('a/p', req('>=1.0.0'), available, false, '1.10.0').version).toBe('1.0.0');
    expect(chooseHubVersion('a/p', req('>=1.0.0'), available, true, '1.10.0').version).toBe('1.1.0-rc1');
    expect(chooseHubVersion('a/p', req('1.1.0-rc1'), available, false, '1.10.0').version).toBe('1.1.0-rc1');
  });
});
