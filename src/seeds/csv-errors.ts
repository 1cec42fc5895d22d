import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { invalidUtf8 } from '../project/read-text';
import { NOT_UTF8_HINT } from './csv-header';
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

/** The sentence stating the problem: DuckDB puts it last before its list of possible solutions. */
function reasonOf(message: string): string {
  const body = message.split(/\nPossible (?:fix|solution)(?:es|s)?:?|\n\n {2}file = /i)[0];
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? message;
}

/** DuckDB's suggested read_csv settings (`e.g., max_line_size=3000004`), said the way a seed sets them. */
function suggestedOptions(message: string): string | undefined {
  const options = [...message.matchAll(/Possible Solution:.*?\b(max_line_size|encoding|buffer_size)\s*=\s*'?([\w-]+)'?/gi)].map((m) => `${m[1]}: ${m[2]}`);
  if (options.length === 0) return undefined;
  return `set it in the seed's config: csv_options: {${options.join(', ')}} (in its properties YAML, or +csv_options in the project file)`;
}

/** Rewrites DuckDB's CSV reader errors as `file:line: ...`; other errors pass through unchanged. */
export function csvError(error: unknown, context: CsvErrorContext): unknown {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return error;
  const record = CSV_LINE.exec(message);
  if (!record) return error;

  const { fileLabel } = context;
  if (/Invalid unicode/i.test(message)) {
    const invalid = invalidUtf8(readFileSync(context.csvPath));
    if (invalid) return new SeedLoadError(`${fileLabel}:${invalid.line}: ${invalid.message}`, fileLabel, invalid.line, undefined, NOT_UTF8_HINT);
  }
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
  return new SeedLoadError(`${where}: ${reasonOf(message)}`, fileLabel, line, undefined, suggestedOptions(message));
}
