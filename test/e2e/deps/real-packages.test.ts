import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gitRepo, SHARED_PACKAGES, startTestHub, type TestHub } from '../../helpers/package-hub';
import { tsdbt, writeProject } from '../../helpers/project';

/*
 * Real packages, unchanged, served by a test hub and a git repository: dbt_utils and dbt_date from the hub, codegen
 * from git (itself needing dbt_utils from the hub, met by the same install). Building with them is the parser's
 * concern (their Jinja); building with installed packages is covered by deps.test.ts.
 */
const describeShared = SHARED_PACKAGES ? describe : describe.skip;
if (!SHARED_PACKAGES) console.warn('skipped: the real dbt packages folder ../shared/dbt-packages is absent');

describeShared('deps with real packages', () => {
  let hub: TestHub;
  const saved = process.env.DBT_PACKAGE_HUB_URL;

  beforeAll(async () => {
    const shared = (name: string) => ({ dir: path.join(SHARED_PACKAGES!, name) });
    hub = await startTestHub({
      'dbt-labs/dbt_utils': { '1.4.1': shared('dbt_utils') },
      'godatadriven/dbt_date': { '0.21.0': shared('dbt_date') },
      'metaplane/dbt_expectations': { '0.10.9': shared('dbt_expectations') },
    });
    process.env.DBT_PACKAGE_HUB_URL = hub.url;
  });

  afterAll(async () => {
    await hub.close();
    if (saved === undefined) delete process.env.DBT_PACKAGE_HUB_URL;
    else process.env.DBT_PACKAGE_HUB_URL = saved;
  });

  test('dbt_utils and dbt_date from the hub and codegen from git install with their lock', async () => {
    const codegen = gitRepo(path.join(SHARED_PACKAGES!, 'codegen'), '0.14.1');
    const dir = writeProject({
      'dbt_project.yml': 'name: jaffle\nprofile: jaffle\n',
      'packages.yml': [
        'packages:',
        '  - package: dbt-labs/dbt_utils',
        '    version: [">=1.0.0", "<2.0.0"]',
        '  - package: godatadriven/dbt_date',
        '    version: [">=0.10.0", "<1.0.0"]',
        `  - git: "${codegen.url}"`,
        '    revision: 0.14.1',
        '',
      ].join('\n'),
    });
    const deps = await tsdbt(dir, 'deps');
    expect(deps.stderr).toBe('');
    expect(deps.code).toBe(0);
    expect(
      readdirSync(path.join(dir, 'dbt_packages'))
        .filter((e) => !e.startsWith('.'))
        .sort(),
    ).toEqual(['codegen', 'dbt_date', 'dbt_utils']);
    const lock = readFileSync(path.join(dir, 'package-lock.yml'), 'utf8');
    expect(lock).toMatch(/- name: dbt_utils\n {4}package: dbt-labs\/dbt_utils\n {4}version: 1\.4\.1\n/);
    expect(lock).toMatch(/- name: dbt_date\n {4}package: godatadriven\/dbt_date\n {4}version: 0\.21\.0\n/);
    expect(lock).toMatch(/- git: file:\/\/.*\n {4}name: codegen\n {4}revision: [0-9a-f]{40}\n/);
    expect(existsSync(path.join(dir, 'dbt_packages', 'dbt_utils', 'macros', 'sql', 'generate_surrogate_key.sql'))).toBe(true);
    // dbt_date 0.21.0 asks for dbt >=1.10.5, which the dbt version tsdbt follows is.
    expect(deps.stdout).not.toMatch(/requires dbt version/);
  });
});
