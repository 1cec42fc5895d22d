import { parseCsvRows } from '../../../src/unit-tests/csv';
import { formatRowDiff } from '../../../src/unit-tests/diff';
import { fixtureSelect } from '../../../src/unit-tests/fixture-sql';

const context = { label: "ref('x')", location: { file: 'models/t.yml', line: 3 }, fromCsv: false };

describe('unit test fixtures', () => {
  it('reads CSV rows with quoting, and empty fields as NULL', () => {
    expect(parseCsvRows('id,name\n1,"a, ""b"""\n2,\n')).toEqual([
      { id: '1', name: 'a, "b"' },
      { id: '2', name: null },
    ]);
  });

  it('fills columns a row leaves out with NULL of the known type', () => {
    const sql = fixtureSelect(
      [{ ID: 1 }],
      [
        { name: 'id', type: 'INTEGER' },
        { name: 'born', type: 'DATE' },
      ],
      context,
    );
    expect(sql).toBe('select cast(1 as INTEGER) as "id", cast(null as DATE) as "born"');
  });

  it('types columns from the values when nothing else tells them', () => {
    const sql = fixtureSelect(
      [
        { n: '1', d: '2024-01-01', s: 'x' },
        { n: '2.5', d: null, s: "it's" },
      ],
      [],
      { ...context, fromCsv: true },
    );
    expect(sql).toContain(`cast('1' as DOUBLE PRECISION) as "n", cast('2024-01-01' as DATE) as "d", cast('x' as VARCHAR) as "s"`);
    expect(sql).toContain(`cast('it''s' as VARCHAR)`);
  });

  it('rejects a column the relation does not have, naming the ones it has', () => {
    expect(() => fixtureSelect([{ nope: 1 }], [{ name: 'id', type: 'INTEGER' }], context)).toThrow(
      "column 'nope' in the rows of ref('x') is not a column of it",
    );
  });

  it('prints differing rows as a table, a changed row as its two versions together', () => {
    const text = formatRowDiff(
      ['id', 'name'],
      [
        { side: 'actual', values: [2, 'b'] },
        { side: 'expected', values: [1, null] },
        { side: 'expected', values: [2, 'c'] },
      ],
    );
    expect(text.split('\n')).toEqual([
      'actual differs from expected:',
      '',
      '@@  | id | name',
      '--- | 1  | NULL',
      '+++ | 2  | b',
      '--- | 2  | c',
      '',
      '2 expected rows missing (---), 1 unexpected row returned (+++)',
    ]);
  });
});
