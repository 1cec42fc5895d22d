import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

const PROJECT = { 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': 'select 1 as id', afile: 'not a folder\n' };

/** A command that must stop with exit 2 and a message, never an internal error. */
async function refused(dir: string, ...args: string[]): Promise<string> {
  const run = await tsdbt(dir, ...args);
  expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
  expect(run.code).toBe(2);
  return run.stderr;
}

describe('files and folders tsdbt cannot write: exit 2 with what and where', () => {
  test('a profile path under a regular file', async () => {
    const dir = writeProject({
      ...PROJECT,
      'profiles.yml': 'demo:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: afile/sub/db.duckdb\n',
    });
    const err = await refused(dir, 'run');
    expect(err).toContain(`cannot create the folder ${path.join(dir, 'afile', 'sub')}: part of that path is a regular file, not a folder`);
    expect(err).toContain("hint: fix that path (the profile's path:");
  });

  test('a --target-path that is a file', async () => {
    const dir = writeProject(PROJECT);
    const err = await refused(dir, 'run', '--target-path', 'afile');
    expect(err).toContain(path.join(dir, 'afile'));
    expect(err).toContain('a file is in the way where a folder is needed');
  });

  test('a compiled SQL file whose folder is a file: the other files are written, the path is named', async () => {
    const dir = writeProject({ ...PROJECT, 'models/sub/b.sql': 'select 2 as id' });
    mkdirSync(path.join(dir, 'target', 'compiled', 'demo', 'models'), { recursive: true });
    writeFileSync(path.join(dir, 'target', 'compiled', 'demo', 'models', 'sub'), 'in the way');
    const err = await refused(dir, 'compile');
    expect(err).toContain(path.join(dir, 'target', 'compiled', 'demo', 'models', 'sub'));
    expect(readFileSync(path.join(dir, 'target', 'compiled', 'demo', 'models', 'a.sql'), 'utf8')).toBe('select 1 as id');
  });

  const asRoot = process.getuid?.() === 0;
  // Permissions do not stop root: the case can only be checked as another user.
  (asRoot ? test.skip : test)('a read-only target/ (skipped as root, whom permissions do not stop)', async () => {
    const dir = writeProject(PROJECT);
    mkdirSync(path.join(dir, 'target'));
    chmodSync(path.join(dir, 'target'), 0o555);
    try {
      const err = await refused(dir, 'run');
      expect(err).toContain('permission denied');
    } finally {
      chmodSync(path.join(dir, 'target'), 0o755);
    }
  });
});

describe('a run refused by the database lock', () => {
  test('leaves target/ as the run holding the database wrote it', async () => {
    const dir = writeProject({ 'project.yml': 'name: p\nprofile: p\n', 'models/a.sql': 'select 1 as x' });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    const target = path.join(dir, 'target');
    const snapshot = () =>
      readdirSync(target, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const file = path.join(e.parentPath, e.name);
          return `${path.relative(target, file)} ${statSync(file).mtimeMs} ${readFileSync(file, 'utf8').length}`;
        })
        .sort();
    const before = snapshot();
    writeFileSync(path.join(dir, 'models/b.sql'), "select * from {{ ref('a') }}");
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `require('@duckdb/node-api').DuckDBInstance.create(${JSON.stringify(path.join(dir, 'p.duckdb'))}).then(() => { console.log('locked'); setInterval(() => {}, 1000); });`,
      ],
      { cwd: path.join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));
      const run = await tsdbt(dir, 'build');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/locked by another process/);
      expect(snapshot()).toEqual(before);
    } finally {
      holder.kill();
    }
  });
});
