/**
 * A transaction's statements as one text the engine runs in one call, and the way back from a position the engine
 * reports in that text to the statement it falls in, so an error still names the failing statement's own line.
 */
export interface TransactionScript {
  sql: string;
  /** Character offset of each statement in `sql`. */
  starts: number[];
  statements: string[];
}

/**
 * `begin; s1; s2; ...; commit` with each separator on a line of its own: a statement ending in a `--` comment
 * would otherwise comment out the `;` after it.
 */
export function transactionScript(begin: string, statements: string[], commit: string): TransactionScript {
  let sql = `${begin};\n`;
  const starts: number[] = [];
  for (const statement of statements) {
    starts.push(sql.length);
    sql += `${statement}\n;\n`;
  }
  return { sql: sql + commit, starts, statements };
}

/** Where a 0-based character offset of the script falls: which statement, and the offset inside it. */
export function statementAtOffset(script: TransactionScript, offset: number): { index: number; offset: number } | undefined {
  for (let index = script.starts.length - 1; index >= 0; index--) {
    const start = script.starts[index];
    if (offset < start) continue;
    return offset <= start + script.statements[index].length ? { index, offset: offset - start } : undefined;
  }
  return undefined;
}

/** Where a 1-based line of the script falls: which statement, and the 1-based line inside it. */
export function statementAtLine(script: TransactionScript, line: number): { index: number; line: number } | undefined {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    offset = script.sql.indexOf('\n', offset) + 1;
    if (offset === 0) return undefined;
  }
  const found = statementAtOffset(script, offset);
  if (!found) return undefined;
  const start = script.starts[found.index];
  return { index: found.index, line: line - lineCount(script.sql, start) + 1 };
}

/** 1-based line number of a character offset. */
function lineCount(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
