import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project, rows, statusOf } from './helpers';

const types = (dir: string, table: string) =>
  rows(dir, `select column_name, data_type from information_schema.columns where table_name = '${table}' order by ordinal_position`);

describe('seeds', () => {
  test('type inference, column_types, delimiter, BOM and CRLF', async () => {
    const dir = project({
      'seeds/kinds.csv': 'i,f,d,ts,b,t\n1,1.5,2024-01-31,2024-01-31 10:00:00,true,x\n2,2,2024-02-01,2024-02-01 11:30:00,false,y\n',
      'seeds/coded.csv': '\ufeffcode;amount\r\n007;10\r\n008;20\r\n',
      'seeds/props.yml': 'version: 2\nseeds:\n  - name: coded\n    config:\n      delimiter: ";"\n      column_types: {code: varchar}\n',
    });
    await expectRun(dir, 0, 'seed');
    expect(await types(dir, 'kinds')).toEqual([
      { column_name: 'i', data_type: 'INTEGER' },
      { column_name: 'f', data_type: 'DOUBLE' },
      { column_name: 'd', data_type: 'DATE' },
      { column_name: 'ts', data_type: 'TIMESTAMP' },
      { column_name: 'b', data_type: 'BOOLEAN' },
      { column_name: 't', data_type: 'VARCHAR' },
    ]);
    expect(await rows(dir, 'select * from coded order by code')).toEqual([
      { code: '007', amount: 10 },
      { code: '008', amount: 20 },
    ]);
  });

  test('a seed is fully replaced on every run', async () => {
    const dir = project({ 'seeds/s.csv': 'a,b\n1,x\n2,y\n' });
    await expectRun(dir, 0, 'seed');
    writeFileSync(path.join(dir, 'seeds/s.csv'), 'a,c\n3,z\n');
    await expectRun(dir, 0, 'seed');
    expect(await rows(dir, 'select * from s')).toEqual([{ a: 3, c: 'z' }]);
  });

  test('a ragged row fails the seed with file and line, keeps the old table, and skips downstream', async () => {
    const dir = project({ 'seeds/s.csv': 'a,b\n1,x\n', 'models/m.sql': "select * from {{ ref('s') }}" });
    await expectRun(dir, 0, 'build');
    writeFileSync(path.join(dir, 'seeds/s.csv'), 'a,b\n1,x\n2,y,extra\n');
    const run = await expectRun(dir, 1, 'build');
    expect(statusOf(dir)).toEqual({ s: 'error', m: 'skipped' });
    expect(run.stdout).toContain('seeds/s.csv:3: expected 2 columns, found 3');
    expect(await rows(dir, 'select * from s')).toEqual([{ a: 1, b: 'x' }]);
  });

  test('a value that does not fit a declared type names file, line and column', async () => {
    const dir = project({
      'seeds/s.csv': 'id,amount\n1,10\n2,ten\n',
      'seeds/props.yml': 'version: 2\nseeds:\n  - name: s\n    config:\n      column_types: {amount: integer}\n',
    });
    const run = await expectRun(dir, 1, 'seed');
    expect(run.stdout).toMatch(/seeds\/s\.csv:3:2: column "amount": could not convert 'ten' to INTEGER/);
  });

  test('column_types naming no column is warned about', async () => {
    const dir = project({
      'seeds/s.csv': 'id\n1\n',
      'seeds/props.yml': 'version: 2\nseeds:\n  - name: s\n    config:\n      column_types: {idd: integer}\n',
    });
    const run = await expectRun(dir, 0, 'seed');
    expect(run.stdout).toMatch(/column_types names 'idd', which is not a column of seed s/);
  });
});
