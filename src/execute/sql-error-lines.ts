import { WarehouseError } from '../adapters/adapter';

/**
 * The warehouse numbers lines of the statement it ran, which wraps the compiled SQL (`create table ... as (`, the
 * test wrapper, ...). Users open the compiled file, so restate the line in its numbering when it falls inside it.
 */
export function inCompiledLines(error: unknown, statement: string, compiledSql: string): unknown {
  if (!(error instanceof WarehouseError) || error.line === undefined) return error;
  const body = compiledSql.trim();
  const at = body === '' ? -1 : statement.indexOf(body);
  if (at < 0) return error;
  const startLine = lineAt(statement, at);
  const compiledStartLine = lineAt(compiledSql, compiledSql.indexOf(body));
  const line = error.line - startLine + compiledStartLine;
  if (error.line < startLine || line > compiledStartLine + body.split('\n').length - 1) return error;
  // DuckDB's caret excerpt says `LINE n:` in the statement's numbering; keep it consistent with ours.
  const message = error.message.replace(/\nLINE \d+:/, `\nLINE ${line}:`);
  return new WarehouseError(message, error.kind, line);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
