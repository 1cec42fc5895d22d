import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture } from '../../helpers/project';

/** The command as a user runs it (bin/tsdbt.js starts the bundled CLI built by `npm run build`). */
const CLI = path.join(__dirname, '..', '..', '..', 'bin', 'tsdbt.js');

function cli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the built CLI on a temporary copy of test/fixtures/core-compile', () => {
  test('--version, seed + compile from the project folder, then a project error exits 2', () => {
    const dir = copyFixture('core-compile');
    expect(cli(dir, '--version').stdout).toMatch(/^tsdbt: \d+\.\d+\.\d+\n {2}- DuckDB: \d+\.\d+\.\d+\n {2}- follows dbt-core: 1\.\d+\.\d+/);

    const seed = cli(dir, 'seed');
    expect(seed.code).toBe(0);
    const compile = cli(dir, 'compile');
    expect(compile.stderr).toBe('');
    expect(compile.code).toBe(0);
    expect(compile.stdout).toMatch(/Found 4 models, 1 seed, 3 data tests, 1 analysis/);
    expect(readFileSync(path.join(dir, 'target/compiled/cafe/models/menu.sql'), 'utf8').trim()).toBe("select 'espresso,latte,mocha' as kinds");
    expect(existsSync(path.join(dir, 'target/manifest.json'))).toBe(true);

    writeFileSync(path.join(dir, 'models', 'broken.sql'), 'select * from {{ ref("expensiv") }}');
    const broken = cli(dir, 'compile');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/models\/broken\.sql:1: model 'broken' refers to 'expensiv', which was not found\n\s+hint: did you mean 'expensive'\?/);
    expect(broken.stderr).not.toMatch(/\s+at .+:\d+:\d+\)?\n/);
  });
});
