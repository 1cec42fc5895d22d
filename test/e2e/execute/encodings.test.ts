import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt } from '../../helpers/project';
import { expectRun, project, rows } from './helpers';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('files that are not UTF-8', () => {
  test('a Latin-1 model is refused with the file, line and byte offset, before anything is built', async () => {
    const dir = project({ 'models/ok.sql': 'select 1 as id' });
    writeFileSync(path.join(dir, 'models/m.sql'), latin1("select\n  'café' as name"));
    const run = await tsdbt(dir, 'run');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('models/m.sql:2: not valid UTF-8: byte 0xE9 at byte offset 13 (line 2)');
    expect(run.stderr).toContain('hint: save the file as UTF-8');
  });

  test('a Latin-1 properties file is refused the same way', async () => {
    const dir = project({ 'models/m.sql': 'select 1 as id' });
    writeFileSync(path.join(dir, 'models/schema.yml'), latin1('version: 2\nmodels:\n  - name: m\n    description: "déjà"\n'));
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('models/schema.yml:4: not valid UTF-8: byte 0xE9 at byte offset 50 (line 4)');
  });

  test('a Latin-1 CSV names the line and byte, and loads once its encoding is set', async () => {
    const dir = project({ 'models/m.sql': 'select 1 as id', 'seeds/.keep': '' });
    writeFileSync(path.join(dir, 'seeds/people.csv'), latin1('id,name\n1,ann\n2,zoë\n'));
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toContain('seeds/people.csv:3: not valid UTF-8: byte 0xEB at byte offset 18 (line 3)');
    expect(run.stdout).toContain('csv_options: {encoding: latin-1}');
    writeFileSync(path.join(dir, 'seeds/people.yml'), 'version: 2\nseeds:\n  - name: people\n    config:\n      csv_options: {encoding: latin-1}\n');
    await expectRun(dir, 0, 'seed');
    expect(await rows(dir, 'select name from main.people order by id')).toEqual([{ name: 'ann' }, { name: 'zoë' }]);
  });

  test('a Latin-1 CSV header is refused too', async () => {
    const dir = project({ 'models/m.sql': 'select 1 as id', 'seeds/.keep': '' });
    writeFileSync(path.join(dir, 'seeds/s.csv'), latin1('id,café\n1,2\n'));
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toContain('seeds/s.csv:1: not valid UTF-8: byte 0xE9 at byte offset 6 (line 1)');
  });
});

describe("CSV errors keep DuckDB's reason", () => {
  test('a line over the maximum size says so, and the suggested option can be set per seed', async () => {
    const dir = project({ 'models/m.sql': 'select 1 as id', 'seeds/long.csv': `id,v\n1,${'x'.repeat(2_100_000)}\n` });
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toMatch(/seeds\/long\.csv:2: Maximum line size of 2000000 bytes exceeded/);
    expect(run.stdout).toMatch(/csv_options: \{max_line_size: \d+\}/);
    writeFileSync(path.join(dir, 'project.yml'), 'name: p\nprofile: p\nseeds:\n  p:\n    +csv_options: {max_line_size: 4000000}\n');
    await expectRun(dir, 0, 'seed');
    expect(await rows(dir, 'select length(v)::int as n from main.long')).toEqual([{ n: 2_100_000 }]);
  });

  test('an unknown csv option is refused, naming the ones a seed can set', async () => {
    const dir = project({ 'seeds/s.csv': 'id\n1\n' }, 'seeds:\n  p:\n    +csv_options: {header: false}\n');
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toContain("csv_options has 'header', which is not a CSV option a seed can set");
  });
});
