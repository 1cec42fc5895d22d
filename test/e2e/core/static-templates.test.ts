import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, copyFixture, copyStreamflix, tsdbt, type CliRun } from '../../helpers/project';
import { SHARED_PACKAGES, installSharedPackages } from '../../helpers/dbt-packages';

/*
 * Templates that are only text and calls with literal arguments skip the template compiler (src/jinja/static-template.ts).
 * Every fixture project and StreamFlix compiles to the same bytes, the same manifest nodes and the same messages with
 * that path on and forced off (TSDBT_STATIC_TEMPLATES=off), cold and with target/ caches from a previous run.
 */
const SWITCH = 'TSDBT_STATIC_TEMPLATES';

async function withStaticTemplates<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  const previous = process.env[SWITCH];
  if (on) delete process.env[SWITCH];
  else process.env[SWITCH] = 'off';
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env[SWITCH];
    else process.env[SWITCH] = previous;
  }
}

/** Every file under `dir`, relative path to contents. */
function filesUnder(dir: string, base = dir): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) Object.assign(files, filesUnder(full, base));
    else files[path.relative(base, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

/** Templates may print the invocation's start time (`run_started_at`). */
function withoutClock<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?/g, '<now>')) as T;
}

interface Compiled {
  code: number;
  messages: string;
  compiled: Record<string, string>;
  nodes: Record<string, unknown>;
}

async function compile(dir: string, targetPath: string): Promise<Compiled> {
  const run: CliRun = await tsdbt(dir, 'compile', '--target-path', targetPath);
  const target = path.join(dir, targetPath);
  const manifest = existsSync(path.join(target, 'manifest.json')) ? JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) : { nodes: {} };
  return {
    code: run.code,
    // The clock and the target folder's name are the only expected differences.
    messages: `${run.stdout}\n${run.stderr}`
      .replace(/\b\d\d:\d\d:\d\d\b/g, '<time>')
      .replace(/\d+(\.\d+)?\s*s\b/g, '<t>')
      .replaceAll(targetPath, '<target>'),
    compiled: withoutClock(filesUnder(path.join(target, 'compiled'))),
    nodes: withoutClock(manifest.nodes),
  };
}

/** The fixture folders and their set-up: shared packages copied in, local packages installed, everything built once. */
async function prepare(name: string): Promise<string> {
  const dir = copyFixture(name);
  if (name.startsWith('real-')) installSharedPackages(dir, ['dbt_utils', 'dbt_date', 'dbt_expectations', 'codegen']);
  await withStaticTemplates(false, async () => {
    if (existsSync(path.join(dir, 'packages.yml'))) await tsdbt(dir, 'deps');
    // Relations must exist for templates that query the warehouse while compiling; a failing build is fine here.
    await tsdbt(dir, 'build', '-q');
  });
  return dir;
}

const fixtures = readdirSync(FIXTURES).filter(
  (name) => existsSync(path.join(FIXTURES, name, 'dbt_project.yml')) || existsSync(path.join(FIXTURES, name, 'project.yml')),
);

async function expectSameBothWays(dir: string): Promise<void> {
  const full = await withStaticTemplates(false, () => compile(dir, 'target-full'));
  const fast = await withStaticTemplates(true, () => compile(dir, 'target-fast'));
  expect(Object.keys(full.compiled).length + full.messages.length).toBeGreaterThan(0);
  expect(fast).toEqual(full);
  // Again, with the caches of target/.tsdbt that the first runs left. A render answered from them logs nothing, and
  // static templates are not cached: only the logs may differ.
  const fullWarm = await withStaticTemplates(false, () => compile(dir, 'target-full'));
  const fastWarm = await withStaticTemplates(true, () => compile(dir, 'target-fast'));
  expect({ ...fastWarm, messages: '' }).toEqual({ ...fullWarm, messages: '' });
}

describe('static templates compile exactly as compiled templates do', () => {
  test.each(fixtures.filter((name) => !name.startsWith('real-') || SHARED_PACKAGES))(
    'test/fixtures/%s',
    async (name) => {
      await expectSameBothWays(await prepare(name));
    },
    180_000,
  );

  if (!SHARED_PACKAGES) test.skip('test/fixtures/real-* (skipped: ../shared/dbt-packages/ is absent)', () => undefined);

  test('StreamFlix', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-streamflix-'));
    copyStreamflix(dir);
    await expectSameBothWays(dir);
  }, 180_000);
});
