import { statementAtLine, statementAtOffset, transactionScript } from '../../../src/adapters/transaction-script';

describe('transaction scripts', () => {
  const script = transactionScript('BEGIN', ['create table a as\nselect 1', 'select 2 -- a note'], 'COMMIT');

  test('each statement is followed by a `;` on a line of its own, so a trailing line comment cannot swallow it', () => {
    expect(script.sql).toBe('BEGIN;\ncreate table a as\nselect 1\n;\nselect 2 -- a note\n;\nCOMMIT');
    expect(script.starts.map((start, i) => script.sql.slice(start, start + script.statements[i].length))).toEqual(script.statements);
  });

  test('an offset in the script maps to its statement and the offset inside it; separators map to none', () => {
    expect(statementAtOffset(script, script.sql.indexOf('select 1'))).toEqual({ index: 0, offset: 'create table a as\n'.length });
    expect(statementAtOffset(script, script.sql.indexOf('note'))).toEqual({ index: 1, offset: 'select 2 -- a '.length });
    expect(statementAtOffset(script, 0)).toBeUndefined();
    expect(statementAtOffset(script, script.sql.indexOf('COMMIT'))).toBeUndefined();
  });

  test("a line of the script maps to its statement and the statement's own line", () => {
    expect(statementAtLine(script, 2)).toEqual({ index: 0, line: 1 });
    expect(statementAtLine(script, 3)).toEqual({ index: 0, line: 2 });
    expect(statementAtLine(script, 5)).toEqual({ index: 1, line: 1 });
    expect(statementAtLine(script, 1)).toBeUndefined();
    expect(statementAtLine(script, 7)).toBeUndefined();
    expect(statementAtLine(script, 99)).toBeUndefined();
  });
});
