import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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

  test('package.json: only what runs is packed, and nothing runs at install time', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ tsdbt: 'bin/tsdbt.js' });
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/src/', 'LICENSE']));
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.repository).toBeDefined();
    expect(pkg.keywords).toContain('dbt');
  });

  test('a reader that stops early (tsdbt build | head -2) ends the run quietly', async () => {
    const dir = project({ 'models/a.sql': 'select 1 as id', 'models/b.sql': "select * from {{ ref('a') }}" });
    const child = spawn(BIN, ['build', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
