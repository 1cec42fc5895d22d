import { privateUrl } from '../../../src/deps/package-sources';

test('private packages are fetched from their provider over HTTPS', () => {
  expect(privateUrl('my-org/my-package', undefined)).toBe('https://github.com/my-org/my-package.git');
  expect(privateUrl('group/sub/pkg', 'gitlab')).toBe('https://gitlab.com/group/sub/pkg.git');
  expect(privateUrl('org/project/repo', 'ado')).toBe('https://dev.azure.com/org/project/_git/repo');
  expect(() => privateUrl('a/b', 'svn')).toThrow('private package a/b: unknown provider svn');
});
