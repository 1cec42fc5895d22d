import { WarehouseError } from '../adapter';
import { statementAtOffset, type TransactionScript } from '../transaction-script';

/** SQLSTATE classes (the first two characters) users recognise, named like DuckDB's error categories. */
const CLASS_KINDS: Record<string, string> = {
  '08': 'Connection Error',
  '22': 'Conversion Error',
  '23': 'Constraint Error',
  '25': 'Transaction Error',
  '28': 'Authentication Error',
  '3D': 'Catalog Error',
  '3F': 'Catalog Error',
  '40': 'Transaction Error',
  '42': 'Syntax Error',
  '53': 'Resource Error',
  '57': 'Operator Intervention',
};

/** Within class 42, these are missing or clashing names rather than bad syntax. */
const CATALOG_CODES = new Set(['42P01', '42P06', '42P07', '42883', '42703', '42704', '42P02', '42710', '42723']);

interface PgErrorFields {
  message: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

function isPgError(error: unknown): error is PgErrorFields {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' && 'severity' in error;
}

function kindOf(code: string | undefined): string {
  if (!code) return 'Error';
  if (CATALOG_CODES.has(code)) return 'Catalog Error';
  return CLASS_KINDS[code.slice(0, 2)] ?? 'Database Error';
}

/** 1-based line of a 1-based character position in `sql`. */
export function lineOfPosition(sql: string, position: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(position - 1, sql.length); i++) if (sql.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Turns what the driver threw into a WarehouseError. Postgres gives the failing character's position in the
 * statement; it becomes a line number and a `LINE n:` excerpt, as DuckDB words it, so positions map the same way.
 */
export function toWarehouseError(error: unknown, sql?: string): WarehouseError {
  return located(error, sql === undefined ? undefined : (position) => ({ sql, position }));
}

/**
 * An error from a transaction script: Postgres' position counts in the whole script, restated in the failing
 * statement, which the error names by index.
 */
export function scriptError(error: unknown, script: TransactionScript): WarehouseError {
  return located(error, (position) => {
    const at = statementAtOffset(script, position - 1);
    return at && { sql: script.statements[at.index], position: at.offset + 1, statement: at.index };
  });
}

type Locate = (position: number) => { sql: string; position: number; statement?: number } | undefined;

function located(error: unknown, locate: Locate | undefined): WarehouseError {
  if (error instanceof WarehouseError) return error;
  if (!isPgError(error)) return connectionError(error);
  const kind = kindOf(error.code);
  let message = `${kind}: ${error.message}`;
  if (error.detail) message += `\nDETAIL: ${error.detail}`;
  if (error.hint) message += `\nHINT: ${error.hint}`;
  if (error.where) message += `\nCONTEXT: ${error.where}`;
  const position = error.position === undefined ? undefined : Number(error.position);
  const at = locate && position !== undefined && Number.isInteger(position) ? locate(position) : undefined;
  if (!at) return new WarehouseError(message, kind);
  const line = lineOfPosition(at.sql, at.position);
  message += `\nLINE ${line}: ${at.sql.split('\n')[line - 1]?.trim() ?? ''}`;
  return new WarehouseError(message, kind, line, at.statement);
}

/** Errors before any SQL ran: unreachable server, refused login, missing database, said in one line. */
export function connectionError(error: unknown, where?: { host: string; port: number; user: string; dbname: string }): WarehouseError {
  const err = error as { code?: string; message?: string } | null;
  const code = err?.code;
  const text = err?.message ?? String(error);
  const server = where ? `${where.host}:${where.port}` : 'the server';
  if (code === 'ECONNREFUSED')
    return new WarehouseError(
      `Could not connect to PostgreSQL at ${server}: connection refused. Is the server running and listening there?`,
      'Connection Error',
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new WarehouseError(
      `Could not connect to PostgreSQL: host '${where?.host ?? '?'}' was not found. Check \`host\` in profiles.yml.`,
      'Connection Error',
    );
  if (code === 'ETIMEDOUT' || /timeout/i.test(text))
    return new WarehouseError(
      `Could not connect to PostgreSQL at ${server}: timed out. Check host, port and firewall, or raise connect_timeout.`,
      'Connection Error',
    );
  if (code === '28P01' || code === '28000')
    return new WarehouseError(
      `PostgreSQL refused the login of user '${where?.user ?? '?'}': ${text}. Check \`user\` and \`password\` in profiles.yml.`,
      'Authentication Error',
    );
  if (code === '3D000')
    return new WarehouseError(
      `PostgreSQL database '${where?.dbname ?? '?'}' does not exist on ${server}. Create it, or fix \`dbname\` in profiles.yml.`,
      'Catalog Error',
    );
  return new WarehouseError(`PostgreSQL error: ${text}`, isPgError(error) ? kindOf(code) : 'Connection Error');
}
