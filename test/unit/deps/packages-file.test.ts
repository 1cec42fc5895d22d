import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPackageEntry, newPackageEntry, readPackagesFile, sameAddedPackage } from '../../../src/deps/packages-file';

const render = (text: string) => text.replace(/\{\{\s*env_var\('(\w+)'\)\s*\}\}/g, (_, name: string) => process.env[name] ?? '');

describe('packages files', () => {
  test('--add-package entries, as dbt writes them', () => {
    expect(newPackageEntry('dbt-labs/dbt_utils', '1.3.0', 'hub')).toEqual({ package: 'dbt-labs/dbt_utils', version: '1.3.0' });
    expect(newPackageEntry('dbt-labs/dbt_utils', '>=1.0.0,<2.0.0', 'hub')).toEqual({ package: 'dbt-labs/dbt_utils', version: ['>=1.0.0', '<2.0.0'] });
    expect(newPackageEntry('https://github.com/a/b.git', 'v1', 'git')).toEqual({ git: 'https://github.com/a/b.git', revision: 'v1' });
    expect(newPackageEntry('../pkg', undefined, 'local')).toEqual({ local: '../pkg' });
  });

  test('an added package replaces the entry for the same package, whatever its source', () => {
    expect(sameAddedPackage({ git: 'https://github.com/dbt-labs/dbt-utils.git' }, 'dbt-labs/dbt_utils')).toBe(true);
    expect(sameAddedPackage({ package: 'dbt-labs/dbt_utils', version: '1.0.0' }, 'dbt-labs/dbt_utils')).toBe(true);
    expect(sameAddedPackage({ package: 'dbt-labs/dbt_utils_extra', version: '1.0.0' }, 'dbt-labs/dbt_utils')).toBe(false);
    expect(sameAddedPackage({ git: 'https://github.com/dbt-labs/dbt-core-utils.git' }, 'dbt-core')).toBe(false);
  });

  test('adding keeps the rest of the file and creates packages.yml when there is none', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-add-'));
    addPackageEntry(dir, 'packages.yml', { package: 'a/b', version: '1.0.0' }, 'a/b');
    expect(readFileSync(path.join(dir, 'packages.yml'), 'utf8')).toBe('packages:\n  - package: a/b\n    version: 1.0.0\n');
    writeFileSync(path.join(dir, 'packages.yml'), '# ours\npackages:\n  - package: a/b # pinned\n    version: 1.0.0\n  - local: ../c\n');
    const removed = addPackageEntry(dir, 'packages.yml', { package: 'a/b', version: '2.0.0' }, 'a/b');
    expect(removed).toEqual([{ package: 'a/b', version: '1.0.0' }]);
    expect(readFileSync(path.join(dir, 'packages.yml'), 'utf8')).toBe('# ours\npackages:\n  - local: ../c\n  - package: a/b\n    version: 2.0.0\n');
  });

  test('dependencies.yml is read when packages.yml is absent; Jinja is rendered, the entry as written kept for the hash', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-pkgfile-'));
    process.env.TSDBT_TEST_REVISION = 'v9';
    writeFileSync(
      path.join(dir, 'dependencies.yml'),
      'projects:\n  - name: upstream\npackages:\n  - git: https://x/y.git\n    revision: "{{ env_var(\'TSDBT_TEST_REVISION\') }}"\n',
    );
    const file = readPackagesFile(dir, render);
    expect(file.file).toBe('dependencies.yml');
    expect(file.entries[0]).toMatchObject({
      kind: 'git',
      revision: 'v9',
      unrendered: { revision: "{{ env_var('TSDBT_TEST_REVISION') }}" },
      origin: { file: 'dependencies.yml', line: 4 },
    });
    writeFileSync(path.join(dir, 'packages.yml'), 'packages:\n  - package: nonamespace\n    version: 1.0.0\n');
    expect(() => readPackagesFile(dir, render)).toThrow('both packages.yml and dependencies.yml list `packages:`');
    writeFileSync(path.join(dir, 'dependencies.yml'), 'projects: []\n');
    expect(() => readPackagesFile(dir, render)).toThrow('nonamespace was not found in the package index. Packages on the index require a namespace');
    writeFileSync(path.join(dir, 'packages.yml'), 'packages:\n  - package: a/b\n    version: 1.0\n');
    expect(() => readPackagesFile(dir, render)).toThrow('"1.0" is not a valid semantic version (package a/b).');
  });
});
