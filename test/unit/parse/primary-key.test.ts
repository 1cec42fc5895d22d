import { inferPrimaryKey } from '../../../src/parse/primary-key';
import type { ColumnProperties } from '../../../src/project/types';

const column = (name: string, constraints?: Record<string, unknown>[]): ColumnProperties => ({ name, description: '', meta: {}, tags: [], constraints });
const genericTest = (name: string, kwargs: Record<string, unknown>, enabled = true) => ({
  testMetadata: { name, namespace: null, kwargs },
  config: { enabled },
});

describe('inferPrimaryKey (dbt 1.10 primary_key)', () => {
  const columns = { b: column('b'), a: column('a'), c: column('c') };

  test('a model-level primary_key constraint wins, its columns sorted', () => {
    const model = { constraints: [{ type: 'primary_key', columns: ['b', 'a'] }], columns: { ...columns, c: column('c', [{ type: 'primary_key' }]) } };
    expect(inferPrimaryKey(model, [genericTest('unique', { column_name: 'c' })])).toEqual(['a', 'b']);
  });

  test('else a column with a primary_key constraint', () => {
    expect(inferPrimaryKey({ columns: { ...columns, c: column('c', [{ type: 'primary_key' }]) } }, [genericTest('unique', { column_name: 'a' })])).toEqual([
      'c',
    ]);
  });

  test('else columns with both unique and not_null tests, then enabled unique tests, then disabled ones', () => {
    const tests = [genericTest('unique', { column_name: 'c' }), genericTest('unique', { column_name: 'a' }), genericTest('not_null', { column_name: 'a' })];
    expect(inferPrimaryKey({ columns }, tests)).toEqual(['a']);
    const combination = genericTest('unique_combination_of_columns', { combination_of_columns: ['c', 'b', 3] });
    expect(inferPrimaryKey({ columns }, [combination, genericTest('not_null', { column_name: 'a' })])).toEqual(['b', 'c']);
    expect(inferPrimaryKey({ columns }, [genericTest('unique', { column_name: 'b' }, false), genericTest('accepted_values', { column_name: 'a' })])).toEqual([
      'b',
    ]);
  });

  test('a not_null constraint is no primary key on its own, and no tests means none', () => {
    expect(inferPrimaryKey({ columns: { id: column('id', [{ type: 'not_null' }]) } }, [])).toEqual([]);
  });
});
