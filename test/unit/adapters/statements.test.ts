import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { countStatements } from '../../../src/adapters/statements';

const CASES: [string, number][] = [
  ['select 1', 1],
  ['select 1;', 1],
  ['  -- only a comment\n /* and /* nested */ one */ ', 0],
  ['select 1; select 2', 2],
  ['select \';\' as semi, "a;b" from t', 1],
  ["select 'it''s; fine'", 1],
  ["select E'back\\'slash; still' as x", 1],
  ["select 'no\\'; select 2", 2],
  ['select $$a;b$$, $tag$c;$$;d$tag$', 1],
  ['select x$y; select $1', 2],
  ['select 1 -- trailing; comment\n', 1],
  ['select 1 /* a; */ ; select 2', 2],
  ['select 1;;', 1],
  ["select 'closed'; drop table x; --'", 2],
];

describe('counting statements', () => {
  test.each(CASES)('%j holds %i', (sql, expected) => {
    expect(countStatements(sql)).toBe(expected);
  });

  test('an unterminated quote is left to the server to report', () => {
    expect(() => countStatements("select 'open")).toThrow(/unterminated string/);
    expect(() => countStatements('select $x$ open')).toThrow(/unterminated dollar-quoted/);
  });
});

describe("DuckDB's own statement extractor agrees", () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterAll(() => connection.closeSync());

  test.each(CASES)('%j', async (sql, expected) => {
    // The extractor fails on text with no statement at all; a known first statement keeps it counting.
    expect((await connection.extractStatements(`SELECT 1;\n${sql}`)).count - 1).toBe(expected);
  });
});
