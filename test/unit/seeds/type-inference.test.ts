import { seedWorld, type SeedWorld } from './helpers';

let w: SeedWorld;
beforeEach(async () => {
  w = await seedWorld();
});
afterEach(() => w.close());

describe('dbt type inference', () => {
  test('integer, float, date, datetime, ISO datetime, boolean and text columns', async () => {
    await w.load(
      'kinds.csv',
      'int,float,date,datetime,iso,bool,text\n' +
        '1,1.5,2024-01-31,2024-01-31 10:11:12,2024-01-31T10:11:12Z,true,hello\n' +
        '-2,3,2024-2-1,2024-02-01 00:00:00,2024-02-01T00:00,FALSE,world\n' +
        '+3,.25,2024-12-31,2024-12-31 23:59:59,2024-12-31T23:59:59.123+02:00,True,42\n',
    );
    expect(await w.types('kinds')).toEqual({
      int: 'INTEGER',
      float: 'DOUBLE',
      date: 'DATE',
      datetime: 'TIMESTAMP',
      iso: 'TIMESTAMP',
      bool: 'BOOLEAN',
      text: 'VARCHAR',
    });
    expect(await w.rows('select * from kinds order by int')).toEqual([
      { int: -2, float: 3, date: '2024-02-01', datetime: '2024-02-01 00:00:00', iso: '2024-02-01 00:00:00', bool: false, text: 'world' },
      { int: 1, float: 1.5, date: '2024-01-31', datetime: '2024-01-31 10:11:12', iso: '2024-01-31 10:11:12', bool: true, text: 'hello' },
      { int: 3, float: 0.25, date: '2024-12-31', datetime: '2024-12-31 23:59:59', iso: '2024-12-31 23:59:59.123', bool: true, text: '42' },
    ]);
  });

  test("empty values and the word null are null in typed columns; text keeps 'null' as DuckDB's COPY does", async () => {
    await w.load('nulls.csv', 'n,d,b,t\n1,2024-01-01,true,x\n,null, NULL ,null\n"",,,\n');
    expect(await w.types('nulls')).toEqual({ n: 'INTEGER', d: 'DATE', b: 'BOOLEAN', t: 'VARCHAR' });
    expect(await w.rows('select * from nulls')).toEqual([
      { n: 1, d: '2024-01-01', b: true, t: 'x' },
      { n: null, d: null, b: null, t: 'null' },
      { n: null, d: null, b: null, t: null },
    ]);
  });

  test('a value of spaces only is null in every typed column', async () => {
    await w.load('blanks.csv', 'n,f,d,ts,b\n1,1.5,2024-01-01,2024-01-01 10:00:00,true\n  ,   , , ,  \n');
    expect(await w.types('blanks')).toEqual({ n: 'INTEGER', f: 'DOUBLE', d: 'DATE', ts: 'TIMESTAMP', b: 'BOOLEAN' });
    expect(await w.rows('select * from blanks where n is null')).toEqual([{ n: null, f: null, d: null, ts: null, b: null }]);
  });

  test('a column with no values at all is INTEGER, as in dbt', async () => {
    await w.load('empty_col.csv', 'id,nothing\n1,\n2,\n');
    expect(await w.types('empty_col')).toEqual({ id: 'INTEGER', nothing: 'INTEGER' });
  });

  test('a header-only file loads zero rows with INTEGER columns', async () => {
    const result = await w.load('header_only.csv', 'a,b\n');
    expect(result.rows).toBe(0);
    expect(await w.types('header_only')).toEqual({ a: 'INTEGER', b: 'INTEGER' });
  });

  test('leading zeros are numbers (as in dbt) unless column_types says varchar', async () => {
    await w.load('zips.csv', 'zip,code\n00501,007\n');
    expect(await w.rows('select * from zips')).toEqual([{ zip: 501, code: 7 }]);
    await w.load('zips.csv', 'zip,code\n00501,007\n', { columnTypes: { zip: 'varchar' } });
    expect(await w.rows('select * from zips')).toEqual([{ zip: '00501', code: 7 }]);
  });

  test('integers widen to BIGINT and HUGEINT instead of overflowing', async () => {
    await w.load('big_ints.csv', 'small,big,huge\n1,3000000000,99999999999999999999\n-2147483648,-1,1\n');
    expect(await w.types('big_ints')).toEqual({ small: 'INTEGER', big: 'BIGINT', huge: 'HUGEINT' });
    expect(await w.rows('select huge from big_ints order by huge desc limit 1')).toEqual([{ huge: '99999999999999999999' }]);
  });

  test('values only DuckDB would parse stay text: slashes, nan, underscores, mixed date shapes', async () => {
    await w.load(
      'near_misses.csv',
      'slashed,nan,underscored,mixed_dt,dt_fraction,yes_no,date_time_only\n' +
        '2024/01/02,nan,1_000,2024-01-01,2024-01-01 10:00:00.5,yes,2024-01-01 10:00\n' +
        '2024/01/03,1,2,2024-01-01 10:00:00,2024-01-01 10:00:00,no,2024-01-01 10:01\n',
    );
    const types = await w.types('near_misses');
    expect(Object.values(types)).toEqual(Array(7).fill('VARCHAR'));
    expect(await w.rows('select slashed, underscored from near_misses order by 1')).toEqual([
      { slashed: '2024/01/02', underscored: '1_000' },
      { slashed: '2024/01/03', underscored: '2' },
    ]);
  });

  test('exponents make a float; surrounding spaces are ignored for typed columns', async () => {
    await w.load('spaces.csv', 'f,i,b\n1e3, 7 , true\n2.5E-1,8,false \n');
    expect(await w.types('spaces')).toEqual({ f: 'DOUBLE', i: 'INTEGER', b: 'BOOLEAN' });
    expect(await w.rows('select * from spaces order by i')).toEqual([
      { f: 1000, i: 7, b: true },
      { f: 0.25, i: 8, b: false },
    ]);
  });

  test('a value breaking a type far beyond the sampled rows is still seen', async () => {
    const lines = ['id,amount,flag'];
    for (let i = 1; i <= 25_000; i++) lines.push(`${i},${i},true`);
    lines.push('25001,not a number,maybe');
    lines.push('5000000000,1,false');
    await w.load('late.csv', lines.join('\n') + '\n');
    expect(await w.types('late')).toEqual({ id: 'BIGINT', amount: 'VARCHAR', flag: 'VARCHAR' });
    expect(await w.rows("select count(*) as n from late where amount = 'not a number'")).toEqual([{ n: 1 }]);
  });
});
