import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRun, project, rows } from './helpers';

/**
 * Column types and a checksum of every value, for seeds covering each inferred type, messy values, null words,
 * quoting, BOM/CRLF, column_types, delimiter and quote_columns. Tall seeds (more rows than inference samples)
 * change type only after the sample, so a load that trusted the sample alone would get them wrong. The expected
 * results were recorded from the loader that staged the whole file as text and judged every row
 * (UPDATE_SEED_GOLDEN=1 records them again; then run prettier on the JSON).
 */
const GOLDEN = path.join(__dirname, 'seed-fidelity.golden.json');
/** More rows than the sample inference starts from. */
const TALL = 10_500;

const lines = (count: number, row: (i: number) => string): string[] => Array.from({ length: count }, (_, i) => row(i + 1));

/** A tall two-column seed: `value(i)` for rows 1..TALL, `late` written into row 10,200 (after the sample). */
function tall(value: (i: number) => string, late?: string): string {
  return ['id,v', ...lines(TALL, (i) => `${i},${i === 10_200 && late !== undefined ? late : value(i)}`)].join('\n') + '\n';
}

const MESSY_SMALL = [
  'int,dbl,dt,ts,iso,bool,txt,empty,nullish,padded,quoted',
  '1,1.5,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,true,x,,null,  7 ,"a, b"',
  '-2,2,2024-2-1,2024-02-01 1:2:3,2024-02-01T10:00,FALSE,"say ""hi""",,NULL, 8,"two\nlines"',
  '+3,1e3,,,2024-02-01T10:00:00.123+02:00,,héllo,,  Null ,9 ,',
  '007,-0.5,null,NULL,,True,,,,10,""',
].join('\r\n');

/** A tall seed whose values stay in their type after the sample while looking different (spaces, signs, null words). */
function cleanTall(): string {
  const row = (i: number) => {
    const late = i > 10_000;
    return [
      late && i % 7 === 0 ? ` ${i} ` : late && i % 11 === 0 ? `+${i}` : String(i),
      late && i % 5 === 0 ? 'NULL' : `${i % 1000}.${i % 10}`,
      late && i % 3 === 0 ? `2024-${(i % 12) + 1}-${(i % 28) + 1}` : `2024-0${(i % 9) + 1}-1${i % 10}`,
      late && i % 4 === 0 ? '' : `2024-01-0${(i % 9) + 1} 0${i % 10}:00:0${i % 10}`,
      late && i % 6 === 0 ? `2024-01-01T10:00:00.5-0${i % 9}:00` : `2024-01-01T10:0${i % 10}`,
      late && i % 9 === 0 ? ' True ' : i % 2 === 0 ? 'true' : 'FALSE',
      i % 13 === 0 ? `"quoted, ${i}"` : `text ${i}`,
      late && i % 8 === 0 ? ' null ' : '',
      i < 10_100 ? '' : String(i),
      i < 10_100 ? '' : `word${i}`,
    ].join(',');
  };
  return ['int,dbl,dt,ts,iso,bool,txt,nulls,late_int,late_text', ...lines(TALL, row)].join('\r\n') + '\r\n';
}

const SEEDS: Record<string, string> = {
  'seeds/messy_small.csv': `\ufeff${MESSY_SMALL}\r\n`,
  'seeds/declared.csv': 'Code;Amount;When;Flag\n007;10;2024-01-02;yes\n008;2.5;2024-01-03;no\n',
  'seeds/clean_tall.csv': '\ufeff' + cleanTall(),
  'seeds/late_fraction.csv': tall(String, '1.5'),
  'seeds/late_exponent.csv': tall(String, '1e3'),
  'seeds/late_bigint.csv': tall(String, '3000000000'),
  'seeds/late_hugeint.csv': tall(String, '100000000000000000000'),
  'seeds/late_hex.csv': tall(String, '0x10'),
  'seeds/late_underscore.csv': tall(String, '1_000'),
  'seeds/late_text.csv': tall(String, 'abc'),
  'seeds/late_nan.csv': tall((i) => `${i}.5`, 'nan'),
  'seeds/late_inf.csv': tall((i) => `${i}.5`, 'inf'),
  'seeds/late_slash_date.csv': tall(() => '2024-01-02', '2024/01/02'),
  'seeds/late_bc_date.csv': tall(() => '2024-01-02', '-2024-01-02'),
  'seeds/late_datetime_in_dates.csv': tall(() => '2024-01-02', '2024-01-02 10:00:00'),
  'seeds/late_date_in_datetimes.csv': tall(() => '2024-01-02 10:00:00', '2024-01-02'),
  'seeds/late_iso_in_datetimes.csv': tall(() => '2024-01-02 10:00:00', '2024-01-02T10:00:00'),
  'seeds/late_fraction_in_datetimes.csv': tall(() => '2024-01-02 10:00:00', '2024-01-02 10:00:00.5'),
  'seeds/late_invalid_date.csv': tall(() => '2024-01-02', '2024-02-30'),
  'seeds/late_yes_in_booleans.csv': tall((i) => (i % 2 ? 'true' : 'false'), 'yes'),
  'seeds/late_one_in_booleans.csv': tall((i) => (i % 2 ? 'true' : 'false'), '1'),
  'seeds/late_value_after_nulls.csv': tall(() => '', '2024-01-02'),
  'seeds/all_nulls.csv': tall(() => 'null'),
  'seeds/props.yml': [
    'version: 2',
    'seeds:',
    '  - name: declared',
    '    config:',
    '      delimiter: ";"',
    '      quote_columns: false',
    '      column_types: {code: varchar, Amount: "numeric(10,2)", Flag: varchar}',
    '',
  ].join('\n'),
};

async function describeTable(dir: string, table: string): Promise<{ types: string[]; rows: number; checksum: string }> {
  const columns = await rows(dir, `select column_name, data_type from information_schema.columns where table_name = '${table}' order by ordinal_position`);
  const [summary] = await rows(
    dir,
    `select count(*) as n, md5(string_agg(to_json(t)::varchar, chr(10) order by to_json(t)::varchar)) as checksum from "${table}" t`,
  );
  return { types: columns.map((c) => `${String(c.column_name)} ${String(c.data_type)}`), rows: Number(summary.n), checksum: String(summary.checksum) };
}

test('seed types and values match the full-inference loader on every fixture', async () => {
  const dir = project(SEEDS);
  await expectRun(dir, 0, 'seed');
  const actual: Record<string, unknown> = {};
  for (const file of Object.keys(SEEDS)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const table = path.basename(file, '.csv');
    actual[table] = await describeTable(dir, table);
  }
  if (process.env.UPDATE_SEED_GOLDEN === '1') writeFileSync(GOLDEN, JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
}, 120_000);
