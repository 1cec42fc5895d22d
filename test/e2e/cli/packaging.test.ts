import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describePostgres, usePostgresProfile } from '../../helpers/postgres';
import { project } from '../execute/helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'tsdbt.js');

describe('the package', () => {
  test('the bin stub is committed executable and starts the built CLI', () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const run = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^tsdbt: /);
  });

  test('in a clone with no dist/ yet, the first run compiles it and then runs the command', () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-clone-'));
    for (const entry of ['bin', 'src', 'scripts', 'bench', 'package.json', 'tsconfig.json'])
      cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
    const first = spawnSync(path.join(clone, 'bin', 'tsdbt.js'), ['--version'], { encoding: 'utf8' });
    expect(first.stderr).toMatch(/compiling to dist/);
    expect(first.stdout).toMatch(/^tsdbt: /);
    expect(first.status).toBe(0);
    expect(existsSync(path.join(clone, 'dist', 'docs-site', 'app.js'))).toBe(true);
    expect(existsSync(path.join(clone, 'dist', 'tsdbt.js'))).toBe(true);
    const second = spawnSync(path.join(clone, 'bin', 'tsdbt.js'), ['--version'], { encoding: 'utf8' });
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
  });

  test('the bundled CLI keeps a V8 code cache: written by a first command, kept while valid, replaced when not', () => {
    const install = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-install-'));
    cpSync(path.join(ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    mkdirSync(path.join(install, 'dist'));
    cpSync(path.join(ROOT, 'dist', 'tsdbt.js'), path.join(install, 'dist', 'tsdbt.js'));
    cpSync(path.join(ROOT, 'package.json'), path.join(install, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'));
    const cache = path.join(install, 'dist', 'tsdbt.js.cache');
    const dir = project({ 'models/a.sql': 'select 1 as id' });
    const ls = () => spawnSync(process.execPath, [path.join(install, 'bin', 'tsdbt.js'), 'ls', '--project-dir', dir], { encoding: 'utf8' });
    const expectListed = (run: ReturnType<typeof ls>) => {
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/\.a$/m);
      expect(run.status).toBe(0);
    };

    spawnSync(process.execPath, [path.join(install, 'bin', 'tsdbt.js'), '--version']);
    expect(existsSync(cache)).toBe(false);
    expectListed(ls());
    const written = readFileSync(cache);
    expect(written.length).toBeGreaterThan(100_000);
    expectListed(ls());
    expect(readFileSync(cache).equals(written)).toBe(true);

    // Corrupt bytes under a valid stamp: V8 rejects them and the next run writes a good cache again.
    const header = written.indexOf(10) + 1;
    writeFileSync(cache, Buffer.concat([written.subarray(0, header), Buffer.alloc(1000, 7)]));
    expectListed(ls());
    expect(readFileSync(cache).length).toBeGreaterThan(100_000);
    // A cache of another build of the bundle (another stamp) is not used.
    writeFileSync(cache, Buffer.concat([Buffer.from('v0 1 1\n'), written.subarray(header)]));
    expectListed(ls());
    expect(readFileSync(cache).subarray(0, header).equals(written.subarray(0, header))).toBe(true);
  });

  test('package.json: only what runs is packed, and nothing runs at install time', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ tsdbt: 'bin/tsdbt.js' });
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/src/', 'dist/tsdbt.js', 'LICENSE']));
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.repository).toBeDefined();
    expect(pkg.keywords).toContain('dbt');
  });

  test('a reader that stops early (tsdbt build | head -2) ends the run quietly', () => {
    const models = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`models/m${i}.sql`, `select ${i} as id`]));
    const dir = project(models);
    const run = spawnSync('bash', ['-c', `"${BIN}" build --project-dir "${dir}" | head -2; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.status).toBe(0);
  });
});

describePostgres('the bundled CLI on PostgreSQL (its driver is bundled too)', (server) => {
  test('seeds and builds a project', () => {
    const dir = project({ 'seeds/people.csv': 'id,name\n1,ann\n', 'models/names.sql': "select name from {{ ref('people') }}" });
    usePostgresProfile(dir, server(), 'p', { schema: 'bundled' });
    const run = spawnSync(process.execPath, [BIN, 'build', '--project-dir', dir, '--profiles-dir', dir], { encoding: 'utf8', env: process.env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/PASS=2 WARN=0 ERROR=0/);
    expect(run.status).toBe(0);
  });
});
