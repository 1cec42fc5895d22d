import { renderLockFile } from '../../../src/deps/lock-file';
import { packagesHash, parseEntries } from '../../../src/deps/package-entries';
import { parse } from 'yaml';

const entries = (yaml: string) => {
  const list = (parse(yaml) as { packages: unknown[] }).packages;
  return parseEntries(list, list, () => ({ file: 'packages.yml' }));
};

describe("package-lock.yml's sha1_hash, as dbt-core computes it", () => {
  // Each pair is a packages.yml and the sha1_hash dbt-core wrote for it in a public project's package-lock.yml.
  test('hub packages with ranges', () => {
    const yml = `packages:
  - package: dbt-labs/dbt_utils
    version: [">=1.3.0", "<2.0.0"]
  - package: dbt-labs/codegen
    version: [">=0.14.0", "<1.0.0"]
`;
    expect(packagesHash(entries(yml))).toBe('01f31e0d658d76121f50e62b998342ebf138df11');
  });

  test('a local package', () => {
    expect(packagesHash(entries('packages:\n  - local: ../../platform_core/platform_core\n'))).toBe('7db87d427e98c01ae247c8bdc18109501e38afe1');
  });

  // From dbt-core's own functional tests (tests/functional/dependencies).
  test('git packages with subdirectories, and the lock dbt-core expects for them', () => {
    const yml = `packages:
  - {git: "https://github.com/dbt-labs/dbt-multipe-packages.git", subdirectory: dbt-utils-main, revision: v0.1.0}
  - {git: "https://github.com/dbt-labs/dbt-multipe-packages.git", subdirectory: dbt-date-main, revision: v0.1.0}
`;
    const hash = packagesHash(entries(yml));
    expect(hash).toBe('b9c8042f29446c55a33f9f211737f445a640c7a1');
    const git = (subdirectory: string, name: string) => ({
      pinned: {
        kind: 'git' as const,
        git: 'https://github.com/dbt-labs/dbt-multipe-packages.git',
        revision: '53782f3ede8fdf307ee1d8e418aa65733a4b72fa',
        subdirectory,
        warnUnpinned: true,
      },
      name,
    });
    expect(renderLockFile({ packages: [git('dbt-utils-main', 'dbt_utils'), git('dbt-date-main', 'dbt_date')], sha1Hash: hash })).toBe(`packages:
  - git: https://github.com/dbt-labs/dbt-multipe-packages.git
    name: dbt_utils
    revision: 53782f3ede8fdf307ee1d8e418aa65733a4b72fa
    subdirectory: dbt-utils-main
  - git: https://github.com/dbt-labs/dbt-multipe-packages.git
    name: dbt_date
    revision: 53782f3ede8fdf307ee1d8e418aa65733a4b72fa
    subdirectory: dbt-date-main
sha1_hash: b9c8042f29446c55a33f9f211737f445a640c7a1
`);
    expect(packagesHash(entries('packages:\n  - package: fivetran/fivetran_utils\n    version: 0.4.7\n'))).toBe('71304bca2138cf8004070b3573a1e17183c0c1a8');
  });

  test('the order of entries does not matter; their contents do', () => {
    const a = entries('packages:\n  - package: a/b\n    version: 1.0.0\n  - git: https://x/y.git\n    revision: v1\n');
    const b = entries('packages:\n  - git: https://x/y.git\n    revision: v1\n  - package: a/b\n    version: 1.0.0\n');
    expect(packagesHash(a)).toBe(packagesHash(b));
    expect(packagesHash(entries('packages:\n  - package: a/b\n    version: 1.0.1\n'))).not.toBe(
      packagesHash(entries('packages:\n  - package: a/b\n    version: 1.0.0\n')),
    );
  });
});

test('the lock file is written as PyYAML dumps it: keys sorted, lists indented, ambiguous strings quoted', () => {
  const text = renderLockFile({
    packages: [
      { pinned: { kind: 'hub', package: 'dbt-labs/dbt_utils', version: '1.3.0' }, name: 'dbt_utils' },
      {
        pinned: { kind: 'git', git: 'https://github.com/dbt-labs/dbt-audit-helper.git', revision: 'b'.repeat(40), subdirectory: 'pkg', warnUnpinned: true },
        name: 'audit_helper',
      },
      { pinned: { kind: 'tarball', tarball: 'https://example.com/p.tar.gz', name: 'p' }, name: 'p' },
      { pinned: { kind: 'hub', package: 'a/b', version: '1.0' }, name: 'b' },
    ],
    sha1Hash: 'abc',
  });
  expect(text).toBe(`packages:
  - name: dbt_utils
    package: dbt-labs/dbt_utils
    version: 1.3.0
  - git: https://github.com/dbt-labs/dbt-audit-helper.git
    name: audit_helper
    revision: ${'b'.repeat(40)}
    subdirectory: pkg
  - name: p
    tarball: https://example.com/p.tar.gz
  - name: b
    package: a/b
    version: '1.0'
sha1_hash: abc
`);
});
