import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project } from '../execute/helpers';

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const withoutMetadata = ({ metadata: _metadata, ...rest }: Record<string, unknown>) => rest;

// An invocation over a parse kept in target/ rewrites only the metadata of the manifest.json written from it before.
describe('manifest.json of a reloaded parse', () => {
  const files = {
    'models/a.sql': 'select 1 as id',
    'models/b.sql': "select * from {{ ref('a') }}",
    'models/schema.yml': 'version: 2\nmodels:\n  - name: b\n    description: the b model\n    columns:\n      - name: id\n        tests: [not_null]\n',
  };

  test('is the manifest a new parse writes, with this invocation in its metadata', async () => {
    const dir = project(files);
    await expectRun(dir, 0, 'run');
    const first = manifestOf(dir);
    await expectRun(dir, 0, 'run');
    const second = manifestOf(dir);
    expect(second.metadata.invocation_id).not.toBe(first.metadata.invocation_id);
    await expectRun(dir, 0, 'run', '--no-partial-parse');
    expect(withoutMetadata(second)).toEqual(withoutMetadata(manifestOf(dir)));
    expect(withoutMetadata(second)).toEqual(withoutMetadata(first));
  });

  test('is written whole after compile put compiled code in it, and after a hand edit', async () => {
    const dir = project(files);
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'compile');
    expect((manifestOf(dir).nodes['model.p.b'] as Record<string, unknown>).compiled_code).toMatch(/select \* from/);
    await expectRun(dir, 0, 'run');
    expect((manifestOf(dir).nodes['model.p.b'] as Record<string, unknown>).compiled_code).toBeUndefined();
    const file = path.join(dir, 'target', 'manifest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('the b model', 'the b modem'));
    await expectRun(dir, 0, 'run');
    expect((manifestOf(dir).nodes['model.p.b'] as Record<string, unknown>).description).toBe('the b model');
  });

  test('holds the compiled code of what each compile compiled', async () => {
    const dir = project(files);
    const compiledCode = (id: string) => (manifestOf(dir).nodes[id] as Record<string, unknown>).compiled_code;
    await expectRun(dir, 0, 'compile');
    const first = manifestOf(dir);
    await expectRun(dir, 0, 'compile');
    expect(withoutMetadata(manifestOf(dir))).toEqual(withoutMetadata(first));
    await expectRun(dir, 0, 'compile', '-s', 'a');
    expect(compiledCode('model.p.a')).toBe('select 1 as id');
    expect(compiledCode('model.p.b')).toBeUndefined();
    await expectRun(dir, 0, 'compile');
    expect(compiledCode('model.p.b')).toMatch(/select \* from/);
  });

  test('follows a changed project file', async () => {
    const dir = project(files);
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'run');
    writeFileSync(path.join(dir, 'models', 'a.sql'), 'select 2 as id');
    await expectRun(dir, 0, 'run');
    expect((manifestOf(dir).nodes['model.p.a'] as Record<string, unknown>).raw_code).toBe('select 2 as id');
  });
});
