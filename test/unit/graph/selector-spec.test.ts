import { parseCriterion, parseSelection } from '../../../src/graph/selector-spec';

describe('parseCriterion', () => {
  test('graph operators and depths', () => {
    expect(parseCriterion('2+config.materialized:table+1')).toMatchObject({
      method: 'config',
      methodArguments: ['materialized'],
      value: 'table',
      parents: true,
      parentsDepth: 2,
      children: true,
      childrenDepth: 1,
      childrensParents: false,
    });
    expect(parseCriterion('+stg_users')).toMatchObject({ method: 'fqn', parents: true, parentsDepth: undefined, children: false });
    expect(parseCriterion('@stg_users')).toMatchObject({ childrensParents: true, parents: false, children: false });
  });

  test('default methods: path when there is a slash, file for .sql/.py/.csv, else fqn', () => {
    expect(parseCriterion('models/staging').method).toBe('path');
    expect(parseCriterion('stg_users.sql').method).toBe('file');
    expect(parseCriterion('countries.CSV').method).toBe('file');
    expect(parseCriterion('staging.stg_users').method).toBe('fqn');
  });

  test('a value may itself contain a plus sign', () => {
    expect(parseCriterion('tag:a+b')).toMatchObject({ value: 'a+b', children: false });
  });
});

describe('parseSelection', () => {
  test('splits unions on whitespace and intersections on commas', () => {
    const parsed = parseSelection(['a  b,c', '', 'd']);
    expect(parsed.map((term) => term.map((c) => c.raw))).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});
