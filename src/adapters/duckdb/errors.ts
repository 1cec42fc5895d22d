import { WarehouseError } from '../adapter';

/** DuckDB messages start with their category, e.g. "Catalog Error: Table with name x does not exist!". */
const KIND_PREFIX = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error): /;
const SQL_LINE = /\nLINE (\d+):/;
const LOCK_CONFLICT = /Could not set lock on file "(.+?)": Conflicting lock is held in (.+?) \(PID (\d+)\)/;

/** Duck-typed: errors thrown by the native binding may come from another realm (e.g. under jest). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Turns whatever DuckDB threw into a WarehouseError carrying its category and SQL line. */
export function toWarehouseError(error: unknown): WarehouseError {
  if (error instanceof WarehouseError) return error;
  const message = messageOf(error);
  const kind = KIND_PREFIX.exec(message)?.[1] ?? 'Error';
  const line = SQL_LINE.exec(message);
  return new WarehouseError(message, kind, line ? Number(line[1]) : undefined);
}

/** The error restated for one statement of a script: its own line (in the `LINE n:` excerpt too) and its index. */
export function inStatement(error: WarehouseError, line: number | undefined, statement: number): WarehouseError {
  const message = line === undefined ? error.message : error.message.replace(SQL_LINE, `\nLINE ${line}:`);
  return new WarehouseError(message, error.kind, line, statement);
}

/** Errors raised while opening a database file, with the lock conflict spelled out for users. */
export function openError(error: unknown, path: string): WarehouseError {
  const message = messageOf(error);
  const lock = LOCK_CONFLICT.exec(message);
  if (lock || /Could not set lock on file/.test(message)) {
    const holder = lock ? ` (${lock[2]}, PID ${lock[3]})` : '';
    return new WarehouseError(
      `Database file ${path} is locked by another process${holder}. ` +
        'DuckDB lets only one process open a database file at a time, even read-only: ' +
        'close that process (a DuckDB shell, notebook or another run) and try again.',
      'Lock Error',
    );
  }
  const cause = toWarehouseError(error);
  return new WarehouseError(`Could not open database ${path}: ${cause.message}`, cause.kind);
}
