import type { CsvFile, CsvStage } from '../adapter';
import { csvError } from '../../seeds/csv-errors';
import { SeedLoadError } from '../../seeds/seed-load-error';
import { duckdbDialect } from './dialect';

const { literal, quote } = duckdbDialect;

/**
 * DuckDB's own CSV reader with sniffing off: the header names every column, declared columns
 * are parsed straight into their type (so bad values are reported with their line), the rest
 * arrive as text for inference.
 */
function readCsvCall(stage: CsvFile): string {
  const columns = stage.header.map((name) => `${literal(name)}: ${literal(stage.declared.get(name) ?? 'VARCHAR')}`);
  const settings = new Map([['strict_mode', 'true'], ['null_padding', 'false'], ...csvReadOptions(stage.options, stage.fileLabel)]);
  return (
    `read_csv(${literal(stage.csvPath)}, auto_detect = false, header = true, ` +
    `delim = ${literal(stage.delimiter)}, quote = '"', escape = '"', ${[...settings].map(([k, v]) => `${k} = ${v}`).join(', ')}, ` +
    `columns = {${columns.join(', ')}})`
  );
}

/** read_csv options a seed may set; the others would contradict how the loader reads the file. */
const CSV_OPTIONS = ['encoding', 'max_line_size', 'ignore_errors', 'null_padding', 'strict_mode', 'comment', 'nullstr', 'new_line', 'buffer_size'];

/** `csv_options` as `name = literal` settings; only known names, and plain values, reach the SQL. */
function csvReadOptions(options: Record<string, unknown>, fileLabel: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const [name, value] of Object.entries(options)) {
    if (!CSV_OPTIONS.includes(name)) {
      throw new SeedLoadError(
        `${fileLabel}: csv_options has '${name}', which is not a CSV option a seed can set`,
        fileLabel,
        undefined,
        undefined,
        `use ${CSV_OPTIONS.join(', ')}`,
      );
    }
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) settings.set(name, String(value));
    else if (typeof value === 'string') settings.set(name, literal(value));
    else
      throw new SeedLoadError(
        `${fileLabel}: csv_options.${name} must be a string, number or boolean`,
        fileLabel,
        undefined,
        undefined,
        'e.g. csv_options: {max_line_size: 10000000}',
      );
  }
  return settings;
}

/** Runs `sql` (which reads the CSV); DuckDB's reader errors become `file:line:` messages. */
async function readingCsv(execute: (sql: string) => Promise<void>, stage: CsvFile, sql: string): Promise<void> {
  try {
    await execute(sql);
  } catch (error) {
    throw csvError(error, { csvPath: stage.csvPath, fileLabel: stage.fileLabel, declaredTypes: stage.declared, header: stage.header });
  }
}

/** Stages the CSV as a temporary table through `execute`. */
export async function stageCsv(execute: (sql: string) => Promise<void>, stage: CsvStage): Promise<string> {
  const staged = `temp.main.${quote(stage.name)}`;
  await execute(`DROP TABLE IF EXISTS ${staged}`);
  const limit = stage.limit === undefined ? '' : ` LIMIT ${stage.limit}`;
  await readingCsv(execute, stage, `CREATE TEMP TABLE ${quote(stage.name)} AS SELECT * FROM ${readCsvCall(stage)}${limit}`);
  return staged;
}

/** Creates `target` from `select` over the CSV read in place, in one statement. */
export function createTableFromCsv(execute: (sql: string) => Promise<void>, stage: CsvFile, target: string, select: string[]): Promise<void> {
  return readingCsv(execute, stage, `CREATE TABLE ${target} AS\nSELECT ${select.join(',\n  ')}\nFROM ${readCsvCall(stage)}`);
}
