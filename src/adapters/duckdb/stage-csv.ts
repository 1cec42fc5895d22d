import type { CsvStage } from '../adapter';
import { csvError } from '../../seeds/csv-errors';
import { duckdbDialect } from './dialect';

const { literal, quote } = duckdbDialect;

/**
 * DuckDB's own CSV reader with sniffing off: the header names every column, declared columns
 * are parsed straight into their type (so bad values are reported with their line), the rest
 * arrive as text for inference.
 */
function readCsvCall(stage: CsvStage): string {
  const columns = stage.header.map((name) => `${literal(name)}: ${literal(stage.declared.get(name) ?? 'VARCHAR')}`);
  return (
    `read_csv(${literal(stage.csvPath)}, auto_detect = false, header = true, ` +
    `delim = ${literal(stage.delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false, ` +
    `columns = {${columns.join(', ')}})`
  );
}

/** Stages the CSV as a temporary table through `execute`; DuckDB's reader errors become `file:line:` messages. */
export async function stageCsv(execute: (sql: string) => Promise<void>, stage: CsvStage): Promise<string> {
  const staged = `temp.main.${quote(stage.name)}`;
  await execute(`DROP TABLE IF EXISTS ${staged}`);
  try {
    await execute(`CREATE TEMP TABLE ${quote(stage.name)} AS SELECT * FROM ${readCsvCall(stage)}`);
  } catch (error) {
    throw csvError(error, { csvPath: stage.csvPath, fileLabel: stage.fileLabel, declaredTypes: stage.declared, header: stage.header });
  }
  return staged;
}
