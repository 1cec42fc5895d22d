import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, tsdbt } from '../../helpers/project';
import { render } from '../../unit/jinja-compat/render-helper';

/*
 * test/fixtures/pkg-utils holds `my_utils`, a package written for these tests that leans on the Jinja and adapter
 * features dbt_utils relies on (dispatch with a package namespace, return(), varargs, kwargs, call statement +
 * load_result, run_query tables, get_columns_in_relation, Column methods, relations as dict keys, loop-scoped set,
 * generic tests in macro files), so that dbt_utils' most used macros run unchanged.
 */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('a dbt_utils-like package', () => {
  let dir: string;
  let build: Awaited<ReturnType<typeof tsdbt>>;

  /** Rows of a query over the built project, as CSV lines. */
  const rows = async (sql: string) => {
    const show = await tsdbt(dir, 'show', '--inline', sql, '--output', 'csv', '--limit', '-1', '-q');
    expect(show.stderr).toBe('');
    return show.stdout.split('\n');
  };

  beforeAll(async () => {
    dir = copyFixture('pkg-utils');
    expect((await tsdbt(dir, 'deps')).code).toBe(0);
    build = await tsdbt(dir, 'build');
  });

  test('builds every model and runs the package generic tests, which pass and fail as their SQL says', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/PASS my_utils_unique_combination_of_columns_orders_latest_order_id__status__True /);
    expect(build.stdout).toMatch(/PASS my_utils_accepted_range_orders_latest_amount__35__0 /);
    expect(build.stdout).toMatch(/PASS my_utils_expression_is_true_orders_latest_amount___100 /);
    expect(build.stdout).toMatch(/WARN 2 my_utils_unique_combination_of_columns_orders_order_id /);
    expect(build.stdout).toMatch(/WARN 3 my_utils_accepted_range_orders_amount__False__35__5 /);
    expect(build.stdout).toMatch(/deduplicate: `group_by` is deprecated, use `partition_by` \(utils_shop\.orders_first\)/);
    expect(build.stdout).toMatch(/PASS=16 WARN=2 ERROR=0/);
  });

  test('generate_surrogate_key hashes the fields with a null marker; the varargs form forwards with *varargs', async () => {
    expect(await rows("select order_id, order_key, legacy_key, status_key from {{ ref('orders_keyed') }} where order_id in (2, 4) order by 1")).toEqual([
      'order_id,order_key,legacy_key,status_key',
      `2,${md5('2|11')},${md5('2|11')},${md5('placed')}`,
      `4,${md5('4|_null_')},${md5('4|_null_')},${md5('placed')}`,
    ]);
  });

  test('star lists the columns of a relation minus the excluded ones, with alias, prefix and quoting options', async () => {
    expect(await rows("select * from {{ ref('orders_slim') }} order by 1, 2")).toEqual([
      'o_order_id,o_status,o_amount,customer_id',
      '1,placed,20,10',
      '1,shipped,20,10',
      '2,placed,35,11',
      '3,placed,5,10',
      '3,returned,5,10',
      '4,placed,12,',
    ]);
  });

  test('union_relations aligns the columns of both relations, casts overrides, names the source and filters', async () => {
    expect(await rows("select * from {{ ref('shops') }} order by id")).toEqual([
      '_dbt_source_relation,id,country,note,state',
      '"""utils_shop"".""main"".""shop_eu""",1,FR,bonjour,',
      '"""utils_shop"".""main"".""shop_eu""",2,DE,hallo,',
      '"""utils_shop"".""main"".""shop_us""",7,,hi there,CA',
    ]);
    expect(await rows("select data_type from information_schema.columns where table_name = 'shops' and column_name = 'id'")).toEqual(['data_type', 'BIGINT']);
  });

  test("the package's date_spine (a statement at compile time) and dbt's own give the same days, end excluded", async () => {
    const days = ['date_day', '2024-01-30 00:00:00', '2024-01-31 00:00:00', '2024-02-01 00:00:00'];
    expect(await rows("select * from {{ ref('calendar') }} order by 1")).toEqual(days);
    expect(await rows("select * from {{ ref('calendar_core') }} order by 1")).toEqual(days);
  });

  test('get_column_values feeds pivot; group_by numbers the grouping columns', async () => {
    expect(await rows("select * from {{ ref('status_pivot') }} order by customer_id nulls first")).toEqual([
      'customer_id,n_placed,n_returned,n_shipped,max_placed',
      ',1,0,0,12',
      '10,2,1,1,20',
      '11,1,0,0,35',
    ]);
  });

  test('deduplicate keeps the first row per partition, from a relation or from a CTE name', async () => {
    expect(await rows("select order_id, status, updated_at from {{ ref('orders_latest') }} order by 1")).toEqual([
      'order_id,status,updated_at',
      '1,shipped,2024-01-03',
      '2,placed,2024-01-02',
      '3,returned,2024-01-04',
      '4,placed,2024-01-05',
    ]);
    expect(await rows("select * from {{ ref('orders_first') }} order by 1")).toEqual(['order_id,status', '1,placed', '2,placed', '3,placed', '4,placed']);
  });

  test('query helpers: run_query columns, load_result tables as a dict, load_relation of a missing table', async () => {
    expect(await rows("select * from {{ ref('query_helpers') }}")).toEqual(['max_amount,statuses,orders,missing', '35,"placed,returned,shipped",6,fallback']);
  });
});

test('a relation macro given an ephemeral model names the model, without its CTE prefix', async () => {
  const dir = copyFixture('pkg-utils');
  writeFileSync(path.join(dir, 'models', 'staged.sql'), "{{ config(materialized='ephemeral') }}\nselect 1 as id");
  writeFileSync(path.join(dir, 'models', 'from_staged.sql'), "select {{ my_utils.star(ref('staged')) }} from {{ ref('staged') }}");
  expect((await tsdbt(dir, 'deps')).code).toBe(0);
  const compile = await tsdbt(dir, 'compile', '--select', 'from_staged');
  expect(compile.code).not.toBe(0);
  expect(compile.stdout + compile.stderr).toMatch(/star reads the information schema, so it cannot take the ephemeral model `staged`/);
});

describe('Jinja that dbt_utils relies on', () => {
  test('*args and **kwargs unpack into a call', () => {
    const macro = '{% macro f(a, b=2, c=3) %}{{ a }}{{ b }}{{ c }}{{ varargs | join }}{% endmacro %}';
    expect(render(`${macro}{{ f(*[7, 8]) }}|{{ f(1, *xs) }}|{{ f(1, **{'c': 9}) }}`, { xs: [5, 6, 4] })).toBe('783|1564|129');
  });

  test('a set inside a loop lasts one iteration and leaves the outer variable alone', () => {
    expect(render('{% set xs = [] %}{% for c in "ab" %}{% set xs = xs.append(c) %}{% endfor %}{{ xs }}')).toBe("['a', 'b']");
    expect(render('{% set n = 1 %}{% for c in "ab" %}{% set n = n + 1 %}{{ n }}{% endfor %}|{{ n }}')).toBe('22|1');
    expect(render('{% for k, v in d.items() %}{% set seen = (seen or 0) + v %}{{ seen }}{% endfor %}', { d: { a: 1, b: 2 } })).toBe('12');
  });

  test('join takes any iterable and prints items as Python does', () => {
    expect(render("{{ 'abc' | join('-') }}|{{ none_given | join(',') }}|{{ {'a': 1, 'b': 2} | join }}|{{ [1, none, true] | join(',') }}")).toBe(
      'a-b-c||ab|1,None,True',
    );
    expect(render("{{ [{'n': 'x'}, {'n': 'y'}] | join(', ', attribute='n') }}")).toBe('x, y');
  });
});
