import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type { CsvStage, Connection } from '../adapter';
import { WarehouseError } from '../adapter';
import { physicalLine } from '../../seeds/csv-errors';
import { SeedLoadError } from '../../seeds/seed-load-error';
import { postgresDialect } from './dialect';
import { tryCastFunctions } from './seed-sql';

const { literal, quote } = postgresDialect;

/** COPY's error context, e.g. `COPY x, line 3, column amount: "abc"`. */
const COPY_CONTEXT = /COPY [^,]+, line (\d+)(?:, column ([^:]+))?(?:: "([\s\S]*)")?/;

/** The file without a leading UTF-8 byte order mark, which COPY would read as part of the first column name. */
function withoutBom(path: string): Readable {
  let first = true;
  return createReadStream(path).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (first) {
          first = false;
          if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
        }
        done(null, chunk);
      },
    }),
  );
}

/** COPY numbers records from the header (1), as DuckDB does; users look for physical lines. */
function copyError(error: unknown, stage: CsvStage): unknown {
  if (!(error instanceof WarehouseError)) return error;
  const context = COPY_CONTEXT.exec(error.message);
  if (!context) return error;
  const line = physicalLine(stage.csvPath, Number(context[1]));
  const column = context[2];
  const reason = error.message.split('\n')[0].replace(/^[A-Za-z ]+Error: /, '');
  const position = column === undefined ? -1 : stage.header.indexOf(column);
  const at = `${stage.fileLabel}:${line}${position < 0 ? '' : `:${position + 1}`}`;
  if (column !== undefined && stage.declared.has(column) && context[3] !== undefined) {
    return new SeedLoadError(
      `${at}: column "${column}": could not convert '${context[3]}' to ${stage.declared.get(column)!.toUpperCase()}`,
      stage.fileLabel,
      line,
      column,
    );
  }
  return new SeedLoadError(`${at}: ${reason}`, stage.fileLabel, line, column);
}

/** DuckDB's encoding names as a seed's csv_options spells them, in Postgres' terms. */
const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF8', utf8: 'UTF8', 'latin-1': 'LATIN1', latin1: 'LATIN1' };

/** COPY's ENCODING from `csv_options`; the other options are DuckDB read_csv settings COPY has no counterpart for. */
function copyEncoding(stage: CsvStage): string {
  let encoding = 'UTF8';
  for (const [name, value] of Object.entries(stage.options)) {
    const known = name === 'encoding' ? ENCODINGS[String(value).toLowerCase()] : undefined;
    if (!known) {
      throw new SeedLoadError(
        `${stage.fileLabel}: csv_options.${name}${name === 'encoding' ? ` '${String(value)}'` : ''} is not supported on Postgres, which loads seeds with COPY`,
        stage.fileLabel,
        undefined,
        undefined,
        "on Postgres, csv_options takes only encoding: 'utf-8' or 'latin-1'",
      );
    }
    encoding = known;
  }
  return encoding;
}

/**
 * Streams the CSV into a temporary table with `COPY ... FROM STDIN` (Postgres parses the CSV itself): declared
 * columns get their type, the others text. Also defines the try-cast functions inference uses in this session.
 */
export async function stageCsv(conn: Connection, copy: (sql: string, data: Readable) => Promise<number>, stage: CsvStage): Promise<string> {
  const table = `pg_temp.${quote(stage.name)}`;
  const encoding = copyEncoding(stage);
  const columns = stage.header.map((name) => `${quote(name)} ${stage.declared.get(name) ?? 'text'}`);
  await conn.execute(`${tryCastFunctions()};\nDROP TABLE IF EXISTS ${table};\nCREATE TEMP TABLE ${quote(stage.name)} (${columns.join(', ')})`);
  const copySql =
    `COPY ${table} (${stage.header.map(quote).join(', ')}) FROM STDIN ` +
    `WITH (FORMAT csv, HEADER true, DELIMITER ${literal(stage.delimiter)}, QUOTE '"', ESCAPE '"', ENCODING ${literal(encoding)})`;
  try {
    await copy(copySql, withoutBom(stage.csvPath));
  } catch (error) {
    throw copyError(error, stage);
  }
  return table;
}
