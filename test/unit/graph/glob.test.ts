import { fnmatch, hasWildcard, pathGlobMatch } from '../../../src/graph/glob';

describe('fnmatch (names)', () => {
  test.each([
    ['stg_users', 'stg_*', true],
    ['stg_users', 'stg_?sers', true],
    ['stg_users', 'STG_*', false],
    ['a.b.c', 'a*', true],
    ['dim_users', 'dim_[ua]sers', true],
    ['dim_users', 'dim_[!u]sers', false],
    ['a[b', 'a[b', true],
    ['a.b', 'a?b', true],
    ['a+b', 'a+b', true],
    ['ab', 'a+b', false],
  ])('%s against %s is %s', (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });

  test('hasWildcard', () => {
    expect(hasWildcard('stg_*')).toBe(true);
    expect(hasWildcard('stg_users')).toBe(false);
  });
});

describe('pathGlobMatch (paths)', () => {
  test.each([
    ['models/staging', 'models/staging', true],
    ['models/staging/stg_users.sql', 'models/*/stg_users.sql', true],
    ['models/staging/stg_users.sql', 'models/*.sql', false],
    ['models/a/b/c.sql', 'models/**/c.sql', true],
    ['models/c.sql', 'models/**/c.sql', true],
    ['models/a/b', 'models/**', true],
    ['models/staging', 'models/stag', false],
  ])('%s against %s is %s', (path, pattern, expected) => {
    expect(pathGlobMatch(path, pattern)).toBe(expected);
  });
});
