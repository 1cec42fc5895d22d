import {
  compareSpecs,
  highestInRange,
  installableVersions,
  parseVersion,
  rangeString,
  reduceVersions,
  satisfies,
  VersionConflict,
  versionInRange,
} from '../../../src/deps/semver';

describe('package versions compared as dbt compares them', () => {
  test('ranges are intersected; the highest version inside wins', () => {
    const range = reduceVersions(['>=1.0.0', '<2.0.0', '>=1.1.0']);
    expect(rangeString(range)).toBe('>=1.1.0, <2.0.0');
    expect(highestInRange(range, ['0.9.0', '1.0.0', '1.1.0', '1.10.2', '1.9.0', '2.0.0'])).toBe('1.10.2');
    expect(highestInRange(reduceVersions(['1.2.0', '>=1.0.0', '<2.0.0']), ['1.0.0', '1.2.0', '1.3.0'])).toBe('1.2.0');
    expect(highestInRange(reduceVersions([]), ['1.0.0', '3.0.0'])).toBe('3.0.0');
    expect(highestInRange(reduceVersions(['>1.0.0', '<=1.2.0']), ['1.0.0', '1.2.0', '1.2.1'])).toBe('1.2.0');
  });

  test('conflicting requirements throw with the options, as dbt words it', () => {
    expect(() => reduceVersions(['1.0.0', '>=1.1.0'])).toThrow(
      new VersionConflict("Could not find a satisfactory version from options: ['=1.0.0', '>=1.1.0']"),
    );
    expect(() => reduceVersions(['1.0.0', '1.0.1'])).toThrow(VersionConflict);
    expect(() => reduceVersions(['>=2.0.0', '<2.0.0'])).toThrow(VersionConflict);
    expect(() => reduceVersions(['>2.0.0', '<=2.0.0'])).toThrow(VersionConflict);
    expect(rangeString(reduceVersions(['>=2.0.0', '<=2.0.0']))).toBe('>=2.0.0, <=2.0.0');
  });

  test('prereleases: excluded unless allowed, below their release, and kept out by a strict upper bound', () => {
    expect(installableVersions(['1.0.0', '2.0.0-rc1', '1.1.0'], false)).toEqual(['1.0.0', '1.1.0']);
    expect(installableVersions(['2.0.0', '2.0.0-rc1', '2.0.0-b2', '2.0.0-rc.10', '2.0.0-rc.9', '1.1.0'], true)).toEqual([
      '1.1.0',
      '2.0.0-b2',
      '2.0.0-rc.9',
      '2.0.0-rc.10',
      '2.0.0-rc1',
      '2.0.0',
    ]);
    expect(versionInRange('2.0.0-rc1', reduceVersions(['<2.0.0']))).toBe(false);
    expect(versionInRange('2.0.0-rc1', reduceVersions(['>=1.0.0']))).toBe(true);
    expect(parseVersion('0.4.5a2')).toMatchObject({ major: 0, minor: 4, patch: 5, prerelease: 'a2', matcher: '=' });
    expect(compareSpecs(parseVersion('1.0.0-1'), parseVersion('1.0.0-alpha'))).toBe(-1);
  });

  test('require-dbt-version, as a list, one string or comma-separated', () => {
    expect(satisfies('1.10.0', ['>=1.3.0', '<2.0.0'])).toBe(true);
    expect(satisfies('1.10.0', '>=1.10.5')).toBe(false);
    expect(satisfies('1.10.0', '>=1.0.0,<1.10.0')).toBe(false);
    expect(satisfies('1.10.0', undefined)).toBe(true);
    expect(satisfies('1.10.0', ['>=1.0.0', 'not a version'])).toBe(false);
  });

  test('invalid versions are refused', () => {
    expect(() => parseVersion('1.0')).toThrow('"1.0" is not a valid semantic version.');
    expect(() => parseVersion('01.0.0')).toThrow();
    expect(installableVersions(['1.0', 'latest', '1.0.0'], false)).toEqual(['1.0.0']);
  });
});
