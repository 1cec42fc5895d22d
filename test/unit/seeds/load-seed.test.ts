import { loadSeed, SeedLoadError } from '../../../src/seeds';
import { seedWorld, type SeedWorld } from './helpers';
import { rejection } from '../../helpers/rejection';

let w: SeedWorld;
beforeEach(async () => {
  w = await seedWorld();
});
afterEach(() => w.close());

describe('reading CSV files', () => {
  test('UTF-8 BOM, CRLF line ends and a last line without newline', async () => {
    const result = await w.load('crlf.csv', '\ufeffid,name\r\n1,Ann\r\n2,Bob');
    expect(result.rows).toBe(2);
    expect(await w.rows('select * from crlf order by id')).toEqual([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ]);
  });

  test('column names with spaces and mixed case are kept exactly as in the header', async () => {
    const result = await w.load('names.csv', 'User Id,firstName,"Quoted, Name"\n1,a,b\n');
    expect(result.columns.map((c) => c.name)).toEqual(['User Id', 'firstName', 'Quoted, Name']);
  });

  test('quoted values with delimiters, escaped quotes, line breaks and non-ASCII text', async () => {
    await w.load('quoted.csv', 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,héllo wörld ✓\n');
    expect(await w.rows('select note from quoted order by id')).toEqual([
      { note: 'a, b' },
      { note: 'say "hi"' },
      { note: 'two\nlines' },
      { note: 'héllo wörld ✓' },
    ]);
  });

  test('custom delimiters: semicolon and tab', async () => {
    await w.load('semicolons.csv', 'a;b\n1;x,y\n', { delimiter: ';' });
    expect(await w.rows('select * from semicolons')).toEqual([{ a: 1, b: 'x,y' }]);
    await w.load('tabbed.csv', 'a\tb\n1\t2.5\n', { delimiter: '\t' });
    expect(await w.rows('select * from tabbed')).toEqual([{ a: 1, b: 2.5 }]);
  });

  test('a small ragged-looking file is not misread by sniffing: the declared delimiter wins', async () => {
    await w.load('pipes.csv', 'a,b\nx|y,z\n');
    expect(await w.rows('select * from pipes')).toEqual([{ a: 'x|y', b: 'z' }]);
  });

  test('quote_columns false creates unquoted column names', async () => {
    await w.load('unquoted.csv', 'Id,name\n1,a\n', { quoteColumns: false });
    expect(await w.rows('select id, NAME from unquoted')).toEqual([{ Id: 1, name: 'a' }]);
  });

  test('the schema is created on demand', async () => {
    const csvPath = w.write('in_schema.csv', 'x\n1\n');
    const relation = w.relation('in_schema', 'raw data');
    await loadSeed(w.conn, w.adapter.dialect, { csvPath, relation, fileLabel: 'seeds/in_schema.csv' });
    expect(await w.rows('select x from "raw data".in_schema')).toEqual([{ x: 1 }]);
  });
});

describe('column_types', () => {
  test('dbt type names override inference, matched case-insensitively; unknown keys are reported', async () => {
    const result = await w.load('typed.csv', 'id,Amount,day,label\n1,9.5,2024-03-01,7\n', {
      columnTypes: { id: 'bigint', amount: 'numeric(10,2)', day: 'varchar', label: 'text', nope: 'integer' },
    });
    expect(await w.types('typed')).toEqual({ id: 'BIGINT', Amount: 'DECIMAL(10,2)', day: 'VARCHAR', label: 'VARCHAR' });
    expect(await w.rows('select * from typed')).toEqual([{ id: 1, Amount: 9.5, day: '2024-03-01', label: '7' }]);
    expect(result.unmatchedColumnTypes).toEqual(['nope']);
  });

  test('a type DuckDB does not know is reported with the column', async () => {
    const error = await rejection(w.load('badtype.csv', 'a\n1\n', { columnTypes: { a: 'intgr' } }), SeedLoadError);
    expect(error.message).toMatch(/^seeds\/badtype\.csv: column_types gives column "a" the type 'intgr'/);
    expect(error.column).toBe('a');
  });

  test('a value that does not convert names file, line, column, value and type', async () => {
    const lines = ['id,amount'];
    for (let i = 1; i <= 12; i++) lines.push(`${i},${i}.50`);
    lines.push('13,$9.x');
    const error = await rejection(
      w.load('raw_users.csv', lines.join('\n') + '\n', { columnTypes: { amount: 'decimal(10,2)' } }), SeedLoadError);
    expect(error.message).toBe(`seeds/raw_users.csv:14:2: column "amount": could not convert '$9.x' to DECIMAL(10,2)`);
    expect(error.line).toBe(14);
    expect(error.column).toBe('amount');
  });
});

describe('malformed files', () => {
  test('a row with too many columns', async () => {
    const error = await rejection(w.load('wide.csv', 'a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4,5\n'), SeedLoadError);
    expect(error.message).toBe('seeds/wide.csv:7: expected 4 columns, found 5');
  });

  test('a row with too few columns', async () => {
    const error = await rejection(w.load('narrow.csv', 'a,b,c\n1,2,3\n4,5\n'), SeedLoadError);
    expect(error.message).toBe('seeds/narrow.csv:3: expected 3 columns, found 2');
  });

  test('line numbers count physical lines even after values spanning several lines', async () => {
    const error = await rejection(w.load('multi.csv', 'a,b\n1,"x\ny\nz"\n\n2,z\n3,q,r\n'), SeedLoadError);
    expect(error.message).toBe('seeds/multi.csv:7: expected 2 columns, found 3');
  });

  test('an unterminated quote', async () => {
    const error = await rejection(w.load('open_quote.csv', 'a,b\n1,2\n3,"oops\n4,5\n'), SeedLoadError);
    expect(error.message).toMatch(/^seeds\/open_quote\.csv:3: .*unterminated quote/);
  });

  test('an empty file', async () => {
    const error = await rejection(w.load('nothing.csv', ''), SeedLoadError);
    expect(error.message).toBe('seeds/nothing.csv: the file is empty; a seed needs at least a header row');
  });

  test('duplicate or missing column names in the header', async () => {
    expect((await rejection(w.load('dup.csv', 'id,ID\n1,2\n'), SeedLoadError)).message).toBe(
      'seeds/dup.csv:1: duplicate column name "ID" (same as "id"; names are case-insensitive)',
    );
    expect((await rejection(w.load('blank.csv', 'a,,c\n1,2,3\n'), SeedLoadError)).message).toBe('seeds/blank.csv:1: column 2 has no name in the header');
  });

  test('a delimiter that cannot work', async () => {
    const error = await rejection(w.load('q.csv', 'a\n1\n', { delimiter: '"' }), SeedLoadError);
    expect(error.message).toMatch(/^seeds\/q\.csv: delimiter/);
  });
});

describe('replacing the table', () => {
  test('a second load replaces rows and columns', async () => {
    await w.load('users.csv', 'id,name\n1,a\n2,b\n');
    const result = await w.load('users.csv', 'id,email,score\n3,c@x,1.5\n');
    expect(result.rows).toBe(1);
    expect(await w.rows('select * from users')).toEqual([{ id: 3, email: 'c@x', score: 1.5 }]);
  });

  test('a view in the way is replaced by the table', async () => {
    await w.conn.execute('create view users as select 1 as old');
    await w.load('users.csv', 'id\n5\n');
    expect(await w.conn.getRelation(w.relation('users'))).toEqual({ type: 'table' });
  });

  test('a failed load keeps the previous table and leaves no temporary table', async () => {
    await w.load('users.csv', 'id,name\n1,a\n');
    await rejection(w.load('users.csv', 'id,name\n2,b\n3,c,extra\n'), SeedLoadError);
    expect(await w.rows('select * from users')).toEqual([{ id: 1, name: 'a' }]);
    expect(await w.conn.getRelation(w.relation('users__dbt_tmp'))).toBeNull();
  });

  test('a failed conversion during the final load also leaves no temporary table', async () => {
    await w.load('users.csv', 'id\n1\n');
    await rejection(w.load('users.csv', 'id\n1\nx\n', { columnTypes: { id: 'integer' } }), SeedLoadError);
    expect(await w.rows('select * from users')).toEqual([{ id: 1 }]);
    expect(await w.conn.getRelation(w.relation('users__dbt_tmp'))).toBeNull();
  });
});

describe('seeds taller than the inference sample', () => {
  const tall = (rows: number, row: (i: number) => string) => ['id,amount', ...Array.from({ length: rows }, (_, i) => row(i + 1))].join('\n') + '\n';

  test('a ragged row after the sample names its line and keeps the previous table', async () => {
    await w.load('tall.csv', 'id,amount\n1,2\n');
    const error = await rejection(w.load('tall.csv', tall(12_000, (i) => (i === 11_500 ? `${i},1,extra` : `${i},${i}`))), SeedLoadError);
    expect(error.message).toBe('seeds/tall.csv:11501: expected 2 columns, found 3');
    expect(await w.rows('select * from tall')).toEqual([{ id: 1, amount: 2 }]);
    expect(await w.conn.getRelation(w.relation('tall__dbt_tmp'))).toBeNull();
  });

  test('a declared column failing after the sample names line, column and type', async () => {
    const error = await rejection(w.load('tall.csv', tall(12_000, (i) => `${i},${i === 11_000 ? 'ten' : i}`), { columnTypes: { amount: 'integer' } }), SeedLoadError);
    expect(error.message).toBe(`seeds/tall.csv:11001:2: column "amount": could not convert 'ten' to INTEGER`);
  });

  test('a value outside the sampled type widens the column as if every row had been judged', async () => {
    const result = await w.load('tall.csv', tall(12_000, (i) => `${i},${i === 11_000 ? '2.5' : i}`));
    expect(result.rows).toBe(12_000);
    expect(await w.types('tall')).toEqual({ id: 'INTEGER', amount: 'DOUBLE' });
    expect(await w.rows('select amount from tall where id in (10999, 11000) order by id')).toEqual([{ amount: 10_999 }, { amount: 2.5 }]);
    expect(await w.rows("select count(*) as n from duckdb_tables() where table_name like 'tall__dbt%'")).toEqual([{ n: 0 }]);
  });
});

describe('wide seeds', () => {
  test('3,000 columns x 20 rows load in time linear in the cells, with every column typed', async () => {
    const columns = 3000;
    const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
    const lines = Array.from({ length: 20 }, (_, r) => Array.from({ length: columns }, (_, i) => (i % 3 === 0 ? `v${r}` : i % 3 === 1 ? String(r * i) : '2024-01-02')).join(','));
    const started = Date.now();
    const result = await w.load('wide.csv', `${header}\n${lines.join('\n')}\n`);
    // Per-column queries took minutes here; the load now takes seconds (bounded loosely for a busy machine).
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(result.rows).toBe(20);
    const types = await w.types('wide');
    expect([types.c0, types.c1, types.c2, types.c2998, types.c2999]).toEqual(['VARCHAR', 'INTEGER', 'DATE', 'INTEGER', 'DATE']);
  });
});
