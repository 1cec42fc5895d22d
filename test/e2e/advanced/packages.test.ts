import { existsSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, tsdbt } from '../../helpers/project';

describe('packages', () => {
  test('deps installs a local package; its macros, generic tests and dispatch work as in dbt', async () => {
    const dir = copyFixture('pkg-local');
    const deps = await tsdbt(dir, 'deps');
    expect(deps.code).toBe(0);
    expect(existsSync(path.join(dir, 'dbt_packages', 'local_utils', 'dbt_project.yml'))).toBe(true);

    const build = await tsdbt(dir, 'build');
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/PASS local_utils_expression_is_true_customers_public_length_full_name_3 /);

    // The package's models and seeds: its own config (table), overridden by the root project's (schema shared).
    expect(build.stdout).toMatch(/OK created sql table model main_shared\.countries/);
    expect(build.stdout).toMatch(/PASS unique_countries_code/);
    const count = await tsdbt(dir, 'show', '--select', 'country_count', '--output', 'csv', '-q');
    expect(count.stdout).toBe('countries\n2');
    const ls = await tsdbt(dir, 'ls', '--select', 'package:local_utils', '--output', 'name');
    expect(ls.stdout.split('\n').sort()).toEqual(['countries', 'country_codes', 'unique_countries_code']);

    const show = await tsdbt(dir, 'show', '--select', 'customers_public', '--output', 'csv', '-q');
    expect(show.stdout).toBe(
      [
        'id,first_name,last_name,full_name,greeting',
        '1,Ada,Lovelace,Ada Lovelace,hello from the project',
        '2,Alan,Turing,Alan Turing,hello from the project',
      ].join('\n'),
    );
  });
});
