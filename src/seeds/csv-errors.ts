import { closeSync, openSync, readSync } from 'node:fs';
import { SeedLoadError } from './seed-load-error';

const CSV_LINE = /CSV Error on Line: (\d+)/;
const COLUMN_COUNT = /Expected Number of Columns: (\d+) Found: (\d+)/;
const CONVERSION = /Error when converting column "([\s\S]*?)"\. Could not convert string "([\s\S]*?)" to '/;
const CHUNK_BYTES = 1024 * 1024;

export interface CsvErrorContext {
  csvPath: string;
  fileLabel: string;
  /** Declared column types as the user wrote them, by CSV column name. */
  declaredTypes: Map<string, string>;
  /** Column names in file order, to give a failing value's column number. */
  header: string[];
}

/**
 * DuckDB numbers CSV records, counting the header and blank lines; a quoted value spanning
 * several lines counts once. Users look for physical lines, so walk the file to translate.
 */
export function physicalLine(csvPath: string, recordNumber: number): number {
  if (recordNumber <= 1) return 1;
  const fd = openSync(csvPath, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let record = 1;
    let line = 1;
    let inQuotes = false;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return line;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i];
        if (byte === 0x22) inQuotes = !inQuotes;
        else if (byte === 0x0a) {
          line += 1;
          if (!inQuotes) record += 1;
          if (record === recordNumber) return line;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The sentence stating the problem: DuckDB puts it last before its list of possible fixes. */
function reasonOf(message: string): string {
  const body = message.split(/\nPossible (?:fixes|solutions)|\n\n {2}file = /)[0];
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? message;
}

/** Rewrites DuckDB's CSV reader errors as `file:line: ...`; other errors pass through unchanged. */
export function csvError(error: unknown, context: CsvErrorContext): unknown {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return error;
  const record = CSV_LINE.exec(message);
  if (!record) return error;

  const { fileLabel } = context;
  const line = physicalLine(context.csvPath, Number(record[1]));
  const where = `${fileLabel}:${line}`;

  const count = COLUMN_COUNT.exec(message);
  if (count) return new SeedLoadError(`${where}: expected ${count[1]} columns, found ${count[2]}`, fileLabel, line);

  const conversion = CONVERSION.exec(message);
  if (conversion) {
    const [, column, value] = conversion;
    const type = (context.declaredTypes.get(column) ?? 'its type').toUpperCase();
    const position = context.header.indexOf(column);
    return new SeedLoadError(
      `${where}${position < 0 ? '' : `:${position + 1}`}: column "${column}": could not convert '${value}' to ${type}`,
      fileLabel,
      line,
      column,
    );
  }
  return new SeedLoadError(`${where}: ${reasonOf(message)}`, fileLabel, line);
}
