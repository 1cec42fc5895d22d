import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closedPort, gitRepo, startTestHub, writePackage, type TestHub } from '../../helpers/package-hub';
import { tsdbt, writeProject } from '../../helpers/project';

const versionMacro = (pkg: string, version: string) => ({ [`macros/${pkg}.sql`]: `{% macro ${pkg}_version() %}'${version}'{% endmacro %}\n` });

/** acme/alpha in five versions, acme/beta needing alpha >=1.1.0,<2.0.0, acme/gamma whose download breaks midway. */
function hubPackages() {
  const alpha = (version: string) => ({ dir: writePackage('alpha', { version, files: versionMacro('alpha', version) }) });
  return {
    'acme/alpha': { '1.0.0': alpha('1.0.0'), '1.1.0': alpha('1.1.0'), '1.2.0': alpha('1.2.0'), '2.0.0': alpha('2.0.0'), '2.1.0-rc1': alpha('2.1.0-rc1') },
    'acme/beta': {
      '1.0.0': { dir: writePackage('beta', { packages: [{ package: 'acme/alpha', version: ['>=1.1.0', '<2.0.0'] }], files: versionMacro('beta', '1.0.0') }) },
    },
    'acme/gamma': { '1.0.0': { dir: writePackage('gamma'), broken: true } },
    'acme/strict': { '1.0.0': { dir: writePackage('strict', { requireDbtVersion: ['>=99.0.0'] }) } },
  };
}

const PACKAGES_YML = `packages:
  - package: acme/alpha
    version: [">=1.0.0", "<3.0.0"]
  - package: acme/beta
    version: 1.0.0
`;

/** What dbt 1.10 writes for PACKAGES_YML resolved against the test hub (the hash computed as dbt-core computes it). */
const EXPECTED_LOCK = `packages:
  - name: alpha
    package: acme/alpha
    version: 1.2.0
  - name: beta
    package: acme/beta
    version: 1.0.0
sha1_hash: 3461caa4ebcd9bce7954f27c6505f77aef19e9f8
`;

let hub: TestHub;
const previousHubUrl = process.env.DBT_PACKAGE_HUB_URL;

beforeAll(async () => {
  hub = await startTestHub(hubPackages());
  process.env.DBT_PACKAGE_HUB_URL = hub.url;
});

afterAll(async () => {
  await hub.close();
  if (previousHubUrl === undefined) delete process.env.DBT_PACKAGE_HUB_URL;
  else process.env.DBT_PACKAGE_HUB_URL = previousHubUrl;
});

function project(files: Record<string, string>): string {
  return writeProject({ 'dbt_project.yml': 'name: shop\nprofile: shop\n', ...files });
}

const installed = (dir: string) =>
  existsSync(path.join(dir, 'dbt_packages'))
    ? readdirSync(path.join(dir, 'dbt_packages'))
        .filter((e) => !e.startsWith('.'))
        .sort()
    : [];
const macroVersion = (dir: string, pkg: string) => readFileSync(path.join(dir, 'dbt_packages', pkg, 'macros', `${pkg}.sql`), 'utf8').match(/'(.*)'/)![1];
/** No staging folder left beside dbt_packages. */
const leftovers = (dir: string) => readdirSync(dir).filter((e) => e.includes('tsdbt-'));

describe('deps from a package hub', () => {
  test('ranges are intersected across the project and its packages; the lock is written as dbt writes it; the project builds', async () => {
    const dir = project({
      'packages.yml': PACKAGES_YML,
      'models/versions.sql': 'select {{ alpha.alpha_version() }} as alpha, {{ beta.beta_version() }} as beta, {{ alpha_version() }} as unprefixed\n',
    });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.stderr).toBe('');
    expect(deps.code).toBe(0);
    // beta needs alpha <2.0.0: the highest alpha inside both ranges, not 2.0.0, and never the prerelease.
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toBe(EXPECTED_LOCK);
    expect(installed(dir)).toEqual(['alpha', 'beta']);
    expect(macroVersion(dir, 'alpha')).toBe('1.2.0');
    expect(deps.stdout).toMatch(/Installing acme\/alpha\n.*Installed from version 1\.2\.0\n.*Updated version available: 2\.0\.0/);
    expect(deps.stdout).toMatch(/Updating lock file in file path: .*package-lock\.yml/);
    expect(leftovers(dir)).toEqual([]);

    const build = await tsdbt(dir, 'build');
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const show = await tsdbt(dir, 'show', '--select', 'versions', '--output', 'csv', '-q');
    expect(show.stdout).toBe('alpha,beta,unprefixed\n1.2.0,1.0.0,1.2.0');
  });

  test('a project whose packages are not installed is told to run deps, as dbt does', async () => {
    const dir = project({ 'packages.yml': PACKAGES_YML, 'models/m.sql': 'select 1 as id\n' });
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(2);
    expect(build.stderr).toMatch(
      /packages\.yml:2: found 2 package\(s\) specified in packages\.yml, but only 0 package\(s\) installed in dbt_packages\n +hint: run `tsdbt deps`/,
    );
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    expect((await tsdbt(dir, 'build')).code).toBe(0);
  });

  test('the lock is honoured: nothing is fetched again while packages.yml is unchanged, even offline; --upgrade resolves again', async () => {
    const dir = project({ 'packages.yml': PACKAGES_YML });
    // A lock pinning alpha 1.1.0, made from this very packages.yml (same sha1_hash): deps installs what it says.
    writeFileSync(path.join(dir, 'package-lock.yml'), EXPECTED_LOCK.replace('version: 1.2.0', 'version: 1.1.0'));
    const first = await tsdbt(dir, 'deps');
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/Updating lock file/);
    expect(macroVersion(dir, 'alpha')).toBe('1.1.0');

    // Installed at the locked versions: the next deps asks the hub nothing.
    const before = hub.requests.length;
    const again = await tsdbt(dir, 'deps');
    expect(again.code).toBe(0);
    expect(hub.requests.length).toBe(before);
    expect(again.stdout).toMatch(/Installed from version 1\.1\.0 \(already installed, not fetched again\)/);

    const offline = { ...process.env };
    process.env.DBT_PACKAGE_HUB_URL = `http://127.0.0.1:${await closedPort()}/`;
    try {
      expect((await tsdbt(dir, 'deps')).code).toBe(0);
    } finally {
      process.env.DBT_PACKAGE_HUB_URL = offline.DBT_PACKAGE_HUB_URL;
    }

    const upgrade = await tsdbt(dir, 'deps', '--upgrade');
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toMatch(/Updating lock file/);
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toBe(EXPECTED_LOCK);
    expect(macroVersion(dir, 'alpha')).toBe('1.2.0');

    // A changed packages.yml (another hash) writes the lock again; a package no longer wanted is removed.
    writeFileSync(path.join(dir, 'packages.yml'), 'packages:\n  - package: acme/alpha\n    version: 1.0.0\n');
    const changed = await tsdbt(dir, 'deps');
    expect(changed.code).toBe(0);
    expect(installed(dir)).toEqual(['alpha']);
    expect(macroVersion(dir, 'alpha')).toBe('1.0.0');
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toMatch(/version: 1\.0\.0\nsha1_hash: (?!3461caa)/);
  });

  test('conflicting requirements are an error naming both, and the previous install stays', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/alpha\n    version: 1.0.0\n' });
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    writeFileSync(path.join(dir, 'packages.yml'), 'packages:\n  - package: acme/alpha\n    version: 1.0.0\n  - package: acme/beta\n    version: 1.0.0\n');
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(2);
    expect(deps.stderr).toMatch(/Version error for package acme\/alpha: Could not find a satisfactory version/);
    expect(deps.stderr).toMatch(/1\.0\.0 is required by packages\.yml:2/);
    expect(deps.stderr).toMatch(/\[">=1\.1\.0", "<2\.0\.0"\] is required by acme\/beta@1\.0\.0 \(its packages\.yml\)/);
    expect(installed(dir)).toEqual(['alpha']);
    expect(macroVersion(dir, 'alpha')).toBe('1.0.0');
  });

  test('a download failing midway names the package, the URL and why, and leaves the previous install intact', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/alpha\n    version: 1.0.0\n' });
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    writeFileSync(path.join(dir, 'packages.yml'), 'packages:\n  - package: acme/alpha\n    version: 1.2.0\n  - package: acme/gamma\n    version: 1.0.0\n');
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(2);
    expect(deps.stderr).toContain(`package acme/gamma@1.0.0: could not download ${hub.tarballUrl('acme/gamma', '1.0.0')}: the download stopped midway`);
    // alpha 1.2.0 was fetched, gamma failed: the install path still holds the previous alpha alone.
    expect(installed(dir)).toEqual(['alpha']);
    expect(macroVersion(dir, 'alpha')).toBe('1.0.0');
    expect(leftovers(dir)).toEqual([]);
  });

  test('an unknown package, an unreachable hub', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/nope\n    version: 1.0.0\n' });
    const unknown = await tsdbt(dir, 'deps');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/packages\.yml:2: Package acme\/nope was not found in the package index/);

    const saved = process.env.DBT_PACKAGE_HUB_URL;
    const port = await closedPort();
    process.env.DBT_PACKAGE_HUB_URL = `http://127.0.0.1:${port}`;
    try {
      const down = await tsdbt(dir, 'deps');
      expect(down.code).toBe(2);
      expect(down.stderr).toContain(
        `packages.yml:2: package acme/nope: the package index: could not download http://127.0.0.1:${port}/api/v1/index.json: fetch failed (ECONNREFUSED)`,
      );
    } finally {
      process.env.DBT_PACKAGE_HUB_URL = saved;
    }
  });

  test('--lock writes the lock only; --add-package edits packages.yml then installs', async () => {
    const dir = project({ 'packages.yml': '# our packages\npackages:\n  - package: acme/alpha\n    version: [">=1.0.0", "<2.0.0"]\n' });
    const lock = await tsdbt(dir, 'deps', '--lock');
    expect(lock.code).toBe(0);
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toMatch(/package: acme\/alpha\n {4}version: 1\.2\.0/);
    expect(existsSync(path.join(dir, 'dbt_packages'))).toBe(false);

    const add = await tsdbt(dir, 'deps', '--add-package', 'acme/beta@1.0.0');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Added new package acme\/beta@1\.0\.0 to .*packages\.yml/);
    expect(readFileSync(path.join(dir, 'packages.yml'), 'utf8')).toBe(
      '# our packages\npackages:\n  - package: acme/alpha\n    version: [ ">=1.0.0", "<2.0.0" ]\n  - package: acme/beta\n    version: 1.0.0\n',
    );
    expect(installed(dir)).toEqual(['alpha', 'beta']);

    // The same package again replaces its entry.
    const replace = await tsdbt(dir, 'deps', '--add-package', 'acme/alpha@1.1.0');
    expect(replace.code).toBe(0);
    expect(replace.stdout).toMatch(/Found duplicate package in packages\.yml, removing: \{ package: acme\/alpha/);
    expect(macroVersion(dir, 'alpha')).toBe('1.1.0');

    const noVersion = await tsdbt(dir, 'deps', '--add-package', 'acme/beta');
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toMatch(/Version is required in --add-package when the source is hub/);
  });

  test('a tarball package; require-dbt-version outside the dbt version tsdbt follows is a warning', async () => {
    const dir = project({
      'packages.yml': `packages:\n  - tarball: ${hub.tarballUrl('acme/alpha', '1.1.0')}\n    name: alpha\n  - package: acme/strict\n    version: 1.0.0\n`,
    });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(0);
    expect(installed(dir)).toEqual(['alpha', 'strict']);
    expect(macroVersion(dir, 'alpha')).toBe('1.1.0');
    expect(deps.stdout).toMatch(/The package strict requires dbt version \[">=99\.0\.0"\]; tsdbt follows dbt 1\.10\.23/);
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toMatch(/- name: alpha\n {4}tarball: http/);
  });

  test('packages-install-path is honoured, even nested; folders an interrupted run left are cleared', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: shop\npackages-install-path: vendor/packages\n',
      'packages.yml': 'packages:\n  - package: acme/alpha\n    version: 1.0.0\n',
      'vendor/.packages-tsdbt-left/staging/x.txt': 'half',
      'models/m.sql': 'select {{ alpha.alpha_version() }} as v\n',
    });
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    expect(readdirSync(path.join(dir, 'vendor'))).toEqual(['packages']);
    expect(readdirSync(path.join(dir, 'vendor', 'packages')).filter((e) => !e.startsWith('.'))).toEqual(['alpha']);
    expect((await tsdbt(dir, 'build')).code).toBe(0);
  });
});

describe('deps from git', () => {
  test('a tag is checked out shallow and locked at its commit; a bad revision leaves the install intact', async () => {
    const repo = gitRepo(writePackage('gitpkg', { files: versionMacro('gitpkg', 'v1') }), 'v1.0.0');
    const v1 = repo.commit(writePackage('gitpkg', { files: versionMacro('gitpkg', 'v1') }), 'v1.0.1');
    repo.commit(writePackage('gitpkg', { files: versionMacro('gitpkg', 'v2') }));
    const dir = project({
      'packages.yml': `packages:\n  - git: "${repo.url}"\n    revision: v1.0.1\n`,
      'models/m.sql': 'select {{ gitpkg.gitpkg_version() }} as v\n',
    });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.stderr).toBe('');
    expect(deps.code).toBe(0);
    expect(macroVersion(dir, 'gitpkg')).toBe('v1');
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toMatch(new RegExp(`- git: ${repo.url}\n {4}name: gitpkg\n {4}revision: ${v1}\n`));
    expect((await tsdbt(dir, 'build')).code).toBe(0);

    // The locked commit is installed again from the lock.
    expect((await tsdbt(dir, 'deps', '--upgrade')).code).toBe(0);

    writeFileSync(path.join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n    revision: no-such-tag\n`);
    const bad = await tsdbt(dir, 'deps');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`package ${repo.url}: git could not check out ${repo.url} at revision no-such-tag:`);
    expect(macroVersion(dir, 'gitpkg')).toBe('v1');
  });

  test('no revision follows the default branch with a warning; subdirectory installs one folder of the repository', async () => {
    const monorepo = writePackage('unused', { files: { 'packages/inner/dbt_project.yml': "name: inner\nversion: '1.0.0'\n", ...versionMacro('inner', 'x') } });
    writeFileSync(path.join(monorepo, 'packages', 'inner', 'macros.sql'), "{% macro inner_version() %}'sub'{% endmacro %}\n");
    const repo = gitRepo(monorepo);
    const dir = project({ 'packages.yml': `packages:\n  - git: "${repo.url}"\n    subdirectory: packages/inner\n` });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(0);
    expect(deps.stdout).toMatch(/The git package ".*" is not pinned, using HEAD \(default branch\)/);
    expect(deps.stdout).toMatch(/and subdirectory packages\/inner/);
    expect(installed(dir)).toEqual(['inner']);
    expect(readFileSync(path.join(dir, 'dbt_packages', 'inner', 'macros.sql'), 'utf8')).toContain("'sub'");
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toMatch(/revision: [0-9a-f]{40}\n {4}subdirectory: packages\/inner\n/);
  });

  test('two packages asking for different revisions of one repository is an error naming both', async () => {
    const repo = gitRepo(writePackage('shared_pkg'), 'v1');
    repo.commit(writePackage('shared_pkg'), 'v2');
    const user = gitRepo(writePackage('user_pkg', { packages: [{ git: repo.url, revision: 'v2' }] }), 'v1');
    const dir = project({ 'packages.yml': `packages:\n  - git: "${repo.url}"\n    revision: v1\n  - git: "${user.url}"\n    revision: v1\n` });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(2);
    expect(deps.stderr).toMatch(/git dependencies should contain exactly one version/);
    expect(deps.stderr).toMatch(/v1 is required by packages\.yml:2/);
    expect(deps.stderr).toMatch(/v2 is required by .*user_pkg.*@[0-9a-f]{40} \(its packages\.yml\)|v2 is required by file:.*@v1 \(its packages\.yml\)/);
  });

  test('a URL made by Jinja is locked as written (no secret in the lock) and rendered again when installing from the lock', async () => {
    const repo = gitRepo(writePackage('secretive', { files: versionMacro('secretive', 'ok') }), 'v1');
    process.env.TSDBT_TEST_PACKAGE_URL = repo.url;
    try {
      const dir = project({ 'packages.yml': 'packages:\n  - git: "{{ env_var(\'TSDBT_TEST_PACKAGE_URL\') }}"\n    revision: v1\n' });
      expect((await tsdbt(dir, 'deps')).code).toBe(0);
      const lock = readFileSync(path.join(dir, 'package-lock.yml'), 'utf8');
      expect(lock).toMatch(/- git: "\{\{ env_var\('TSDBT_TEST_PACKAGE_URL'\) \}\}"\n {4}name: secretive\n/);
      expect(lock).not.toContain(repo.url);
      rmSync(path.join(dir, 'dbt_packages'), { recursive: true });
      const again = await tsdbt(dir, 'deps');
      expect(again.code).toBe(0);
      expect(again.stdout).not.toMatch(/Updating lock file/);
      expect(macroVersion(dir, 'secretive')).toBe('ok');
    } finally {
      delete process.env.TSDBT_TEST_PACKAGE_URL;
    }
  });

  test('a local package is linked, as dbt does', async () => {
    const local = writePackage('near', { files: versionMacro('near', 'local') });
    const dir = project({ 'packages.yml': `packages:\n  - local: ${local}\n` });
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    expect(realpathSync(path.join(dir, 'dbt_packages', 'near'))).toBe(realpathSync(local));
    expect(readFileSync(path.join(dir, 'package-lock.yml'), 'utf8')).toBe(`packages:\n  - local: ${local}\n    name: near\nsha1_hash: ${lockHashOf(dir)}\n`);
  });
});

function lockHashOf(dir: string): string {
  return readFileSync(path.join(dir, 'package-lock.yml'), 'utf8').match(/sha1_hash: (\w+)/)![1];
}
