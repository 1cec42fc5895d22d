import { mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

/** The debug line saying whether the saved parse was reused, and why not. */
async function parseLine(dir: string, ...args: string[]): Promise<string> {
  const run = await tsdbt(dir, 'compile', '--log-level', 'debug', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout.split('\n').find((line) => /partial pars/i.test(line)) ?? '(no partial parsing line)';
}

const REUSED = /nothing changed since the last parse/;
const compiled = (dir: string, file: string) => readFileSync(path.join(dir, 'target', 'compiled', 'pp', file), 'utf8');
const edit = (dir: string, file: string, text: string) => writeFileSync(path.join(dir, file), text);

function project(): string {
  return writeProject({
    'project.yml': 'name: pp\nprofile: pp\nvars:\n  greeting: hello\n',
    'profiles.yml': [
      'pp:',
      '  target: dev',
      '  outputs:',
      '    dev: {type: duckdb, path: pp.duckdb, schema: main}',
      '    other: {type: duckdb, path: pp.duckdb, schema: other}',
    ].join('\n'),
    'models/a.sql': 'select 1 as id',
    'models/b.sql': "select id, '{{ shout(var(\"greeting\")) }}' as g from {{ ref('a') }}",
    'models/c.sql': 'select \'{{ env_var("PP_COLOUR", "grey") }}\' as colour',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [not_null]\n',
    'macros/shout.sql': '{% macro shout(text) %}{{ text | upper }}{% endmacro %}',
  });
}

describe('partial parsing: the parse kept in target/ is reused only while nothing it read changed', () => {
  const dir = project();
  afterEach(() => delete process.env.PP_COLOUR);

  test('the first run parses everything; the next one reuses the saved parse', async () => {
    expect(await parseLine(dir)).toMatch(/no saved parse/);
    expect(await parseLine(dir)).toMatch(REUSED);
    expect(compiled(dir, 'models/b.sql')).toBe('select id, \'HELLO\' as g from "pp"."main"."a"');
  });

  test('an edited model is parsed again and compiles to its new SQL', async () => {
    edit(dir, 'models/a.sql', 'select 2 as id');
    expect(await parseLine(dir)).toMatch(/models\/a\.sql changed/);
    expect(compiled(dir, 'models/a.sql')).toBe('select 2 as id');
    expect(await parseLine(dir)).toMatch(REUSED);
  });

  test('an added and a deleted model', async () => {
    edit(dir, 'models/d.sql', "select * from {{ ref('b') }}");
    expect(await parseLine(dir)).toMatch(/models\/d\.sql was added/);
    expect((await tsdbt(dir, 'ls', '-s', 'd', '--output', 'name')).stdout).toMatch(/^d$/m);
    rmSync(path.join(dir, 'models/d.sql'));
    expect(await parseLine(dir)).toMatch(/models\/d\.sql was deleted/);
    expect((await tsdbt(dir, 'ls', '--output', 'name')).stdout).not.toMatch(/^d$/m);
  });

  test('a new YAML test', async () => {
    edit(dir, 'models/schema.yml', readFileSync(path.join(dir, 'models/schema.yml'), 'utf8').replace('[not_null]', '[not_null, unique]'));
    expect(await parseLine(dir)).toMatch(/schema\.yml changed/);
    expect((await tsdbt(dir, 'ls', '--resource-type', 'test', '--output', 'name')).stdout).toMatch(/^unique_a_id$/m);
  });

  test('a changed macro: the models using it render with the new one', async () => {
    edit(dir, 'macros/shout.sql', '{% macro shout(text) %}{{ text | upper }}!{% endmacro %}');
    expect(await parseLine(dir)).toMatch(/macros\/shout\.sql changed/);
    expect(compiled(dir, 'models/b.sql')).toMatch(/'HELLO!' as g/);
    edit(dir, 'macros/other.sql', '{% macro other() %}1{% endmacro %}');
    expect(await parseLine(dir)).toMatch(/macros\/other\.sql was added/);
  });

  test('--vars, an environment variable read by env_var, --target and profiles.yml each force a full parse', async () => {
    expect(await parseLine(dir, '--vars', '{greeting: hi}')).toMatch(/options/);
    expect(compiled(dir, 'models/b.sql')).toMatch(/'HI!' as g/);
    expect(await parseLine(dir)).toMatch(/options/);
    expect(compiled(dir, 'models/b.sql')).toMatch(/'HELLO!' as g/);

    process.env.PP_COLOUR = 'red';
    expect(await parseLine(dir)).toMatch(/environment variable PP_COLOUR changed/);
    expect(compiled(dir, 'models/c.sql')).toBe("select 'red' as colour");
    expect(await parseLine(dir)).toMatch(REUSED);

    expect(await parseLine(dir, '--target', 'other')).toMatch(/options/);
    expect(compiled(dir, 'models/b.sql')).toMatch(/"pp"\."other"\."a"/);
    edit(dir, 'profiles.yml', readFileSync(path.join(dir, 'profiles.yml'), 'utf8').replace('target: dev', 'target: other'));
    expect(await parseLine(dir)).toMatch(/options|profiles\.yml changed/);
    expect(compiled(dir, 'models/b.sql')).toMatch(/"pp"\."other"\."a"/);
    expect(await parseLine(dir)).toMatch(REUSED);
  });

  test('--no-partial-parse and DBT_PARTIAL_PARSE=false parse everything', async () => {
    expect(await parseLine(dir, '--no-partial-parse')).toMatch(/not enabled/);
    process.env.DBT_PARTIAL_PARSE = 'false';
    try {
      expect(await parseLine(dir)).toMatch(/not enabled/);
    } finally {
      delete process.env.DBT_PARTIAL_PARSE;
    }
    // Neither kept a parse: the one kept saw PP_COLOUR=red, unset since.
    expect(await parseLine(dir)).toMatch(/PP_COLOUR changed/);
    expect(await parseLine(dir)).toMatch(REUSED);
  });

  test('a corrupted saved parse is ignored: a full parse, no error', async () => {
    writeFileSync(path.join(dir, 'target', '.tsdbt', 'partial-parse.bin'), 'not a parse');
    expect(await parseLine(dir)).toMatch(/unreadable|another format/);
    expect(await parseLine(dir)).toMatch(REUSED);
  });

  test('--threads keeps the saved parse and still sets how many nodes run at once', async () => {
    expect(await parseLine(dir)).toMatch(REUSED);
    const concurrency = async (...args: string[]) => {
      const run = await tsdbt(dir, 'run', '--log-level', 'debug', ...args);
      expect(run.code).toBe(0);
      return [run.stdout.match(/partial pars[^\n]*/i)?.[0], run.stdout.match(/Concurrency: \d+ threads/)?.[0]];
    };
    expect(await concurrency('--threads', '3')).toEqual([expect.stringMatching(REUSED), 'Concurrency: 3 threads']);
    expect(await concurrency()).toEqual([expect.stringMatching(REUSED), 'Concurrency: 1 threads']);
  });
});

describe('a reused parse gives the same outputs as a full parse', () => {
  test('manifest.json and every compiled file are identical', async () => {
    const dir = project();
    const outputs = () => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8')) as Record<string, unknown>;
      delete manifest.metadata;
      const folder = path.join(dir, 'target', 'compiled');
      const files = readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
      return { manifest, files: Object.fromEntries(files.map((f) => [path.relative(folder, f), readFileSync(f, 'utf8')])) };
    };
    expect(await parseLine(dir, '--no-partial-parse')).toMatch(/not enabled/);
    const full = outputs();
    expect(await parseLine(dir)).toMatch(/no saved parse/);
    expect(await parseLine(dir)).toMatch(REUSED);
    rmSync(path.join(dir, 'target', 'compiled'), { recursive: true });
    rmSync(path.join(dir, 'target', 'manifest.json'));
    expect(await parseLine(dir)).toMatch(REUSED);
    const reused = outputs();
    expect(reused).toEqual(full);
    expect(Object.keys(reused.files).length).toBeGreaterThan(3);
  });
});

/** Dates every folder of the project an hour back, as folders nobody touched lately are. */
function ageFolders(dir: string): void {
  const hourAgo = new Date(Date.now() - 3600_000);
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isDirectory()) visit(path.join(folder, entry.name));
    utimesSync(folder, hourAgo, hourAgo);
  };
  visit(dir);
}

// Folders whose mtime is unchanged are not listed again: adding, removing or renaming an entry changes the mtime.
describe('partial parsing in folders untouched since the parse', () => {
  test('a model added in a nested folder, and one in a new folder, are seen', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'models', 'nested', 'empty'), { recursive: true });
    edit(dir, 'models/nested/n.sql', 'select 1 as n');
    ageFolders(dir);
    expect(await parseLine(dir)).toMatch(/no saved parse/);
    expect(await parseLine(dir)).toMatch(REUSED);
    edit(dir, 'models/nested/empty/e.sql', 'select 1 as e');
    expect(await parseLine(dir)).toMatch(/models\/nested\/empty\/e\.sql was added/);
    ageFolders(dir);
    expect(await parseLine(dir)).toMatch(REUSED);
    mkdirSync(path.join(dir, 'models', 'fresh'));
    edit(dir, 'models/fresh/f.sql', 'select 1 as f');
    expect(await parseLine(dir)).toMatch(/models\/fresh\/f\.sql was added/);
  });

  test('folders parsed while fresh are trusted once a check found them unchanged, and changes are still seen', async () => {
    const dir = project();
    expect(await parseLine(dir)).toMatch(/no saved parse/);
    ageFolders(dir);
    expect(await parseLine(dir)).toMatch(REUSED);
    expect(readdirSync(path.join(dir, 'target', '.tsdbt'))).toContain('partial-parse-folders.json');
    rmSync(path.join(dir, 'models', 'c.sql'));
    expect(await parseLine(dir)).toMatch(/models\/c\.sql was deleted/);
  });
});
