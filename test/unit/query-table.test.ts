import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateRenderer } from '../../src/jinja/renderer';
import { toQueryTable } from '../../src/jinja/query-table';
import { Relation } from '../../src/jinja/relation';
import { StaticScope } from '../../src/parse/static-scope';

const table = toQueryTable({
  columns: [
    { name: 'id', type: 'INTEGER' },
    { name: 'name', type: 'VARCHAR' },
  ],
  rows: [
    { id: 1, name: 'a' },
    { id: 2, name: 'b' },
  ],
});

function render(source: string, context: Record<string, unknown>): string {
  return new TemplateRenderer().render(source, 'test.sql', new StaticScope('test.sql'), context);
}

describe('query results and relations as dbt macros see them', () => {
  test('rows by position and name; columns by position and name, with keys/values/items (agate)', () => {
    expect(render('{{ t[1][0] }}-{{ t[1]["name"] }}-{{ t.columns[0].values() | join(",") }}-{{ t.columns["name"].values() | join(",") }}', { t: table })).toBe(
      '2-b-1,2-a,b',
    );
    expect(render('{% for k, c in t.columns.items() %}{{ k }}={{ c.values() | join("/") }};{% endfor %}{{ t.columns.keys() | join(",") }}', { t: table })).toBe(
      'id=1/2;name=a/b;id,name',
    );
  });

  test('rename(): new column names by position or from a mapping of old names, as agate does', () => {
    expect(
      render("{% set r = t.rename({'name': 'label'}) %}{{ r.column_names | join(',') }}|{{ r[1]['label'] }}|{{ t.column_names | join(',') }}", { t: table }),
    ).toBe('id,label|b|id,name');
    expect(
      render("{% set r = t.rename(column_names=['ID', 'NAME']) %}{{ r.column_names | join(',') }}|{{ r.columns['NAME'].values() | join(',') }}", { t: table }),
    ).toBe('ID,NAME|a,b');
  });

  test('a relation is a mapping whose metadata names a Relation type, as dbt_utils checks', () => {
    const relation = new Relation('db', 'main', 'orders');
    expect(render("{{ r is mapping and r.get('metadata', {}).get('type', '').endswith('Relation') }}|{{ r }}", { r: relation })).toBe(
      'True|"db"."main"."orders"',
    );
  });

  test('values of date and timestamp columns are Python dates and datetimes, as agate holds them (DuckDB and PostgreSQL type names)', () => {
    const times = toQueryTable({
      columns: [
        { name: 'ts', type: 'TIMESTAMP' },
        { name: 'tz', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'd', type: 'date' },
        { name: 'ns', type: 'TIMESTAMP_NS' },
        { name: 'pg', type: 'timestamp without time zone' },
        { name: 'inf', type: 'TIMESTAMP' },
        { name: 'none', type: 'DATE' },
      ],
      rows: [
        {
          ts: '2024-01-02 03:04:05.1',
          tz: '2024-01-02 03:04:05+01',
          d: '2024-01-02',
          ns: '2024-01-02 03:04:05.123456789',
          pg: '2024-01-02 03:04:05',
          inf: 'infinity',
          none: null,
        },
      ],
    });
    // Expected outputs from Python 3: str() and isoformat() of the datetime / date the drivers return.
    expect(render('{% for v in t[0] %}{{ v }}|{% endfor %}', { t: times })).toBe(
      '2024-01-02 03:04:05.100000|2024-01-02 03:04:05+01:00|2024-01-02|2024-01-02 03:04:05.123456|2024-01-02 03:04:05|infinity|None|',
    );
    expect(render("{{ t[0]['ts'].year }}|{{ t[0]['tz'].isoformat() }}|{{ t[0]['d'].strftime('%d/%m') }}|{{ t[0]['ts'] < t[0]['pg'] }}", { t: times })).toBe(
      '2024|2024-01-02T03:04:05+01:00|02/01|False',
    );
  });

  test("a row's dict(): its columns by name (agate's MappedSequence)", () => {
    expect(render("{% set d = t[1].dict() %}{{ d is mapping }}|{{ d['name'] }}|{{ d.keys() | join(',') }}", { t: table })).toBe('True|b|id,name');
  });

  test("to_csv(path): agate's CSV of the table, as elementary's dump_table writes it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-csv-'));
    const mixed = toQueryTable({
      columns: [
        { name: 'id', type: 'INTEGER' },
        { name: 'name', type: 'VARCHAR' },
        { name: 'ts', type: 'TIMESTAMP' },
        { name: 'f', type: 'DOUBLE' },
        { name: 'b', type: 'BOOLEAN' },
        { name: 'n', type: 'INTEGER' },
      ],
      rows: [
        { id: 1, name: 'a,b', ts: '2024-01-02 03:04:05', f: 2, b: true, n: null },
        { id: 2, name: 'say "hi"\nok', ts: null, f: 0.5, b: false, n: null },
      ],
    });
    render('{% do t.to_csv(file) %}', { t: mixed, file: path.join(dir, 'out', 'dump.csv') });
    // Expected: Python's csv.writer(lineterminator='\n') over agate's csvify'd values.
    expect(readFileSync(path.join(dir, 'out', 'dump.csv'), 'utf8')).toBe(
      'id,name,ts,f,b,n\n1,"a,b",2024-01-02T03:04:05,2.0,True,\n2,"say ""hi""\nok",,0.5,False,\n',
    );
  });

  test('values of floating-point columns are Python floats: whole ones print as 2.0, integers stay integers', () => {
    const numbers = toQueryTable({
      columns: [
        { name: 'd', type: 'DOUBLE' },
        { name: 'r', type: 'real' },
        { name: 'n', type: 'BIGINT' },
      ],
      rows: [{ d: 2, r: 0.5, n: 3 }],
    });
    expect(render("{{ t[0][0] }}|{{ t[0]['r'] }}|{{ t[0]['n'] }}|{{ t.columns['d'].values() }}|{{ t[0][0] + t[0][2] }}", { t: numbers })).toBe(
      '2.0|0.5|3|[2.0]|5.0',
    );
  });

  test("rows are agate rows too: keys(), values(), items(), get() and dict(row), as elementary's agate_to_dicts reads them", () => {
    expect(render('{% for row in t.rows %}{% for k, v in row.items() %}{{ k }}={{ v }};{% endfor %}{% endfor %}', { t: table })).toBe(
      'id=1;name=a;id=2;name=b;',
    );
    expect(
      render("{{ t[0].keys() | list }}|{{ t[0].values() | list }}|{{ t[1].get('name') }}|{{ t[1].get('nope', 'x') }}|{{ dict(t[0]) }}", { t: table }),
    ).toBe("['id', 'name']|[1, 'a']|b|x|{'id': 1, 'name': 'a'}");
    expect(render('{{ t.rows[0] | list }}|{{ t.rows[0][1:] }}|{{ t[0] | length }}', { t: table })).toBe("[1, 'a']|['a']|2");
  });
});
