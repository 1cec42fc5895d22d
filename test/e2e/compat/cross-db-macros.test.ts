import { MacroHarness } from './macro-harness';

let harness: MacroHarness;

beforeAll(async () => {
  harness = await MacroHarness.open();
});
afterAll(() => harness.close());

const value = (template: string) => harness.value(template);
const ts = (text: string) => `timestamp '${text}'`;
/** A DATE or TIMESTAMP expression's value as DuckDB prints it. */
const dateText = async (template: string) => String(await value(`cast(${template} as varchar)`));
const row = (table: unknown[][]) => Array.from(table[0]);

describe('date macros', () => {
  test('date_trunc truncates to the part', async () => {
    expect(await harness.render("{{ dbt.date_trunc('month', 'd') }}")).toBe("date_trunc('month', d)");
    expect(await dateText(`{{ dbt.date_trunc('month', "date '2024-03-17'") }}`)).toMatch(/^2024-03-01/);
  });

  test('dateadd adds intervals, with negative and expression counts', async () => {
    expect(await dateText(`cast({{ dbt.dateadd('day', 3, "date '2024-02-27'") }} as date)`)).toMatch(/^2024-03-01/);
    expect(await dateText(`cast({{ dbt.dateadd('month', '-1', "date '2024-03-31'") }} as date)`)).toMatch(/^2024-02-29/);
    expect(await dateText(`{{ dbt.dateadd('hour', '1 + 1', "${ts('2024-01-01 23:00:00')}") }}`)).toMatch(/^2024-01-02 01:00/);
  });

  test.each([
    ['year', '2023-12-31 00:00:00', '2024-01-01 00:00:00', 1],
    ['quarter', '2023-11-15 00:00:00', '2024-02-01 00:00:00', 1],
    ['month', '2024-01-31 00:00:00', '2024-03-01 00:00:00', 2],
    ['week', '2024-01-06 00:00:00', '2024-01-07 00:00:00', 1],
    ['day', '2024-02-28 00:00:00', '2024-03-01 00:00:00', 2],
    ['hour', '2024-01-01 23:59:00', '2024-01-02 00:01:00', 1],
    ['minute', '2024-01-01 10:00:59', '2024-01-01 10:01:00', 1],
    ['second', '2024-01-01 10:00:00', '2024-01-01 10:00:05', 5],
  ])('datediff counts %s boundaries', async (part, from, to, expected) => {
    expect(Number(await value(`{{ dbt.datediff("${ts(from)}", "${ts(to)}", '${part}') }}`))).toBe(expected);
  });

  test('datediff passes an unknown part on to DuckDB, which refuses it', async () => {
    await expect(value("{{ dbt.datediff(\"date '2024-01-01'\", \"date '2024-01-02'\", 'fortnight') }}")).rejects.toThrow(/fortnight/);
  });

  test('datediff in weeks is a whole number, also backwards', async () => {
    expect(await value(`{{ dbt.datediff("${ts('2024-01-01 00:00:00')}", "${ts('2024-01-29 00:00:00')}", 'week') }}`)).toBe(4n);
    expect(await value(`{{ dbt.datediff("${ts('2024-01-07 00:00:00')}", "${ts('2024-01-06 00:00:00')}", 'week') }}`)).toBe(-1n);
  });

  test.each([
    ['month', '2024-02-10', '2024-02-29'],
    ['quarter', '2024-05-10', '2024-06-30'],
    ['year', '2024-05-10', '2024-12-31'],
  ])('last_day of the %s', async (part, day, expected) => {
    expect(await dateText(`{{ dbt.last_day("date '${day}'", '${part}') }}`)).toMatch(new RegExp(`^${expected}`));
  });

  test('date builds a DATE with make_date', async () => {
    expect(await harness.render('{{ dbt.date(2024, 2, 29) }}')).toBe('make_date(2024, 2, 29)');
    expect(await dateText('{{ dbt.date(2024, 2, 29) }}')).toMatch(/^2024-02-29/);
  });

  test('current_timestamp is now() and the backcompat form a TIMESTAMP', async () => {
    expect(await harness.render('{{ dbt.current_timestamp() }}')).toBe('now()');
    expect(await harness.render('{{ dbt.current_timestamp_backcompat() }}')).toBe('current_timestamp::TIMESTAMP');
    const types = await harness.query(
      `select typeof(${await harness.render('{{ current_timestamp() }}')}), typeof(${await harness.render('{{ dbt.current_timestamp_in_utc_backcompat() }}')})`,
    );
    expect(row(types)).toEqual(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP']);
  });
});

describe('type macros', () => {
  test.each([
    ['type_string', 'TEXT', 'VARCHAR'],
    ['type_int', 'INT', 'INTEGER'],
    ['type_bigint', 'BIGINT', 'BIGINT'],
    ['type_float', 'FLOAT', 'FLOAT'],
    ['type_numeric', 'numeric(28,6)', 'DECIMAL(28,6)'],
    ['type_timestamp', 'TIMESTAMP', 'TIMESTAMP'],
    ['type_boolean', 'BOOLEAN', 'BOOLEAN'],
  ])('%s renders %s, a type DuckDB knows', async (macro, label, duckdbType) => {
    expect(await harness.render(`x::{{ dbt.${macro}() }}`)).toBe(`x::${label}`);
    expect(await value(`typeof(cast(null as {{ dbt.${macro}() }}))`)).toBe(duckdbType);
  });
});

describe('string macros', () => {
  test('concat joins with ||', async () => {
    expect(await harness.render(`{{ dbt.concat(["'a'", "'-'", "'b'"]) }}`)).toBe("'a' || '-' || 'b'");
    expect(await value(`{{ dbt.concat(["'a'", "'-'", "42"]) }}`)).toBe('a-42');
  });

  test('hash is the md5 of the text form', async () => {
    expect(await value('{{ dbt.hash(42) }}')).toBe('a1d0c6e83f027327d8461063f4ac58a6');
  });

  test('safe_cast and cast render a cast', async () => {
    expect(await harness.render('{{ dbt.safe_cast("\'12\'", dbt.type_int()) }}')).toBe("cast('12' as INT)");
    expect(await value('{{ dbt.cast("\'12\'", dbt.type_bigint()) }} + 1')).toBe(13n);
  });

  test.each([
    [1, 'a'],
    [3, 'c'],
    [4, ''],
    [-1, 'c'],
    [-3, 'a'],
  ])('split_part part %s', async (part, expected) => {
    expect(await value(`{{ dbt.split_part("'a,b,c'", "','", ${part}) }}`)).toBe(expected);
  });

  test('listagg with order and limit', async () => {
    await harness.query("create or replace table letters as select * from (values ('c', 3), ('a', 1), ('b', 2)) t(l, n)");
    const ordered = await harness.render("select {{ dbt.listagg('l', \"'|'\", 'order by n') }} from letters");
    expect((await harness.query(ordered))[0][0]).toBe('a|b|c');
    const limited = await harness.render("select {{ dbt.listagg('l', \"'|'\", 'order by n desc', 2) }} from letters");
    expect((await harness.query(limited))[0][0]).toBe('c|b');
    const defaults = await harness.render("select {{ dbt.listagg('l') }} from (select 'x' as l)");
    expect((await harness.query(defaults))[0][0]).toBe('x');
  });

  test('string_literal and escape_single_quotes', async () => {
    expect(await value('{{ dbt.string_literal(dbt.escape_single_quotes("it\'s")) }}')).toBe("it's");
  });

  test('replace, length, position, right', async () => {
    expect(await value('{{ dbt.replace("\'banana\'", "\'a\'", "\'o\'") }}')).toBe('bonono');
    expect(Number(await value('{{ dbt.length("\'banana\'") }}'))).toBe(6);
    expect(Number(await value('{{ dbt.position("\'nan\'", "\'banana\'") }}'))).toBe(3);
    expect(await value('{{ dbt.right("\'banana\'", 3) }}')).toBe('ana');
  });

  test('cast_bool_to_text', async () => {
    expect(await value('{{ dbt.cast_bool_to_text("1 = 1") }}')).toBe('true');
  });
});

describe('aggregates, sets, arrays, equality', () => {
  test('any_value is arbitrary() and bool_or aggregates', async () => {
    expect(await harness.render("{{ dbt.any_value('x') }}")).toBe('arbitrary(x)');
    const row = await harness.query(`select ${await harness.render("{{ dbt.any_value('x') }}, {{ dbt.bool_or('x > 1') }}")} from (values (2), (2)) t(x)`);
    expect(Array.from(row[0])).toEqual([2, true]);
  });

  test('except and intersect', async () => {
    const sql = await harness.render('select 1 {{ dbt.except() }} select 2 {{ dbt.intersect() }} select 1');
    expect((await harness.query(sql)).length).toBe(1);
  });

  test('array_construct, array_append, array_concat', async () => {
    expect(await value('{{ dbt.array_append(dbt.array_construct([1, 2]), 3) }}')).toEqual([1, 2, 3]);
    expect(await value('{{ dbt.array_concat(dbt.array_construct([1]), dbt.array_construct(["4", "5"])) }}')).toEqual([1, 4, 5]);
    expect(await harness.render('{{ dbt.array_construct() }}')).toBe('array[]::INT[]');
    expect(await value("len({{ dbt.array_construct([], 'varchar') }})")).toBe(0n);
  });

  test('equals is plain = (nulls are not equal), as dbt 1.10 renders it by default', async () => {
    expect(await value("{{ dbt.equals('1', '1') }}")).toBe(true);
    expect(await value("coalesce({{ dbt.equals('null', 'null') }}, false)")).toBe(false);
  });

  test('get_where_subquery returns the relation when no where is configured', async () => {
    expect(await harness.render("{{ dbt.get_where_subquery('my_table') }}")).toBe('my_table');
  });
});

describe('series and date_spine', () => {
  test('get_powers_of_two returns the exponent', async () => {
    expect(await harness.render('{{ dbt.get_powers_of_two(1) }}/{{ dbt.get_powers_of_two(5) }}/{{ dbt.get_powers_of_two(1024) }}')).toBe('1/3/10');
  });

  test('generate_series numbers 1..n, in the DuckDB and the portable form', async () => {
    const duck = await harness.query(await harness.render('{{ dbt.generate_series(5) }}'));
    expect(duck.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5]);
    const portable = await harness.query(await harness.render('{{ dbt.default__generate_series(5) }}'));
    expect(portable.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5]);
  });

  test('date_spine covers start up to, not including, end', async () => {
    const sql = await harness.render(`{{ dbt.date_spine('day', "cast('2024-02-27' as date)", "cast('2024-03-02' as date)") }}`);
    const rows = await harness.query(`select strftime(date_day, '%Y-%m-%d') from (${sql}) order by 1`);
    expect(rows.map((r) => r[0])).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  test('date_spine by month', async () => {
    const sql = await harness.render(`{{ dbt.date_spine('month', "date '2024-01-01'", "date '2024-04-01'") }}`);
    expect((await harness.query(`select count(*) from (${sql})`))[0][0]).toBe(3n);
  });
});

describe('overrides', () => {
  test('a project default__ wins over the built-in one, reached through the dbt entry point', async () => {
    const local = await MacroHarness.open();
    local.addProjectMacros('{% macro duckdb__hash(field) %}sha256(cast({{ field }} as varchar)){% endmacro %}');
    try {
      expect(await local.render("{{ dbt.hash('x') }}")).toBe('sha256(cast(x as varchar))');
    } finally {
      local.close();
    }
  });
});
