import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

describe('require-dbt-version, checked as dbt checks it', () => {
  test('a package that requires another dbt stops the load with its name and range; --no-version-check skips the check', async () => {
    const dir = writeProject({ 'project.yml': "name: vc\nrequire-dbt-version: ['>=1.3.0', '<3.0.0']\n", 'models/a.sql': 'select 1 as id\n' });
    mkdirSync(path.join(dir, 'dbt_packages', 'future', 'macros'), { recursive: true });
    writeFileSync(path.join(dir, 'dbt_packages', 'future', 'dbt_project.yml'), "name: future\nrequire-dbt-version: '>=9.0.0'\n");
    const refused = await tsdbt(dir, 'build');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /dbt_packages\/future\/dbt_project\.yml: this version of dbt is not supported with the 'future' package.*requires '>=9\.0\.0'/,
    );
    expect((await tsdbt(dir, 'build', '--no-version-check')).code).toBe(0);
  });

  test('DBT_VERSION_CHECK=false and flags: {version_check: false} turn the check off too', async () => {
    const dir = writeProject({ 'project.yml': "name: vc\nrequire-dbt-version: '<1.0.0'\n", 'models/a.sql': 'select 1 as id\n' });
    expect((await tsdbt(dir, 'parse')).code).toBe(2);
    process.env.DBT_VERSION_CHECK = 'false';
    try {
      expect((await tsdbt(dir, 'parse')).code).toBe(0);
    } finally {
      delete process.env.DBT_VERSION_CHECK;
    }
    writeFileSync(path.join(dir, 'project.yml'), "name: vc\nrequire-dbt-version: '<1.0.0'\nflags:\n  version_check: false\n");
    expect((await tsdbt(dir, 'parse')).code).toBe(0);
  });
});
