import type { QueryResult } from '../../../src/adapters/adapter';
import { QueryAnswers } from '../../../src/jinja/query-answers';

const result = (n: number): QueryResult => ({ columns: [{ name: 'n', type: 'INTEGER' }], rows: [{ n }] });

describe('QueryAnswers', () => {
  test('the n-th query of a pass gets the n-th answer; the same write twice is asked twice', () => {
    const answers = new QueryAnswers();
    let next = answers.pass();
    expect(next('insert into t values (1)')).toBeUndefined();
    answers.add('insert into t values (1)', result(1));
    next = answers.pass();
    expect(next('insert into t values (1)')).toEqual(result(1));
    expect(next('insert into t values (1)')).toBeUndefined();
  });

  test('a read asked again is answered at once, unless a write came between', () => {
    const answers = new QueryAnswers();
    answers.add('select 1', result(1));
    let next = answers.pass();
    expect(next('select 1')).toEqual(result(1));
    expect(next('select 1')).toEqual(result(1));
    expect(next('delete from t')).toBeUndefined();
    answers.add('delete from t', result(0));
    next = answers.pass();
    next('select 1');
    next('select 1');
    next('delete from t');
    expect(next('select 1')).toBeUndefined();
  });

  test('a pass that asks something else from some point on drops the answers after it', () => {
    const answers = new QueryAnswers();
    answers.add('select 1', result(1));
    answers.add('select 2', result(2));
    const next = answers.pass();
    expect(next('select 1')).toEqual(result(1));
    expect(next('select 3')).toBeUndefined();
    answers.add('select 3', result(3));
    const again = answers.pass();
    expect(again('select 1')).toEqual(result(1));
    expect(again('select 3')).toEqual(result(3));
  });
});
