import { countStatements } from '../../../src/adapters/postgres/statements';

describe('counting Postgres statements', () => {
  test.each([
    ['select 1', 1],
    ['select 1;', 1],
    ['  -- only a comment\n /* and /* nested */ one */ ', 0],
    ['select 1; select 2', 2],
    ['select \';\' as semi, "a;b" from t', 1],
    ["select 'it''s; fine'", 1],
    ["select E'back\\'slash; still' as x", 1],
    ['select $$a;b$$, $tag$c;$$;d$tag$', 1],
    ['select 1 -- trailing; comment\n', 1],
    ['select 1;;', 1],
    ["select 'closed'; drop table x; --'", 2],
  ])('%j holds %i', (sql, expected) => {
    expect(countStatements(sql)).toBe(expected);
  });

  test('an unterminated quote is left to the server to report', () => {
    expect(() => countStatements("select 'open")).toThrow(/unterminated string/);
    expect(() => countStatements('select $x$ open')).toThrow(/unterminated dollar-quoted/);
  });
});
