import type { ColumnInfo, Connection, CsvFile, Dialect, Relation } from '../adapters/adapter';
import { SEED_MISFIT } from '../adapters/seed-patterns';
import { tempRelationOf } from '../plan/materialize';
import { readCsvHeader } from './csv-header';
import { inferColumnTypes, SAMPLE_ROWS, sampleColumnTypes } from './infer-column-types';
import { SeedLoadError } from './seed-load-error';

export interface SeedLoadOptions {
  csvPath: string;
  relation: Relation;
  /** dbt `column_types`: CSV column name -> warehouse type (varchar, integer, numeric(10,2), ...). */
  columnTypes?: Record<string, string>;
  delimiter?: string;
  /** dbt `quote_columns`, default true: column names are created exactly as in the header. */
  quoteColumns?: boolean;
  /** `csv_options`: DuckDB read_csv options for this seed (encoding, max_line_size, ...). */
  csvOptions?: Record<string, unknown>;
  /** The path shown to users in messages, e.g. seeds/raw_users.csv. */
  fileLabel: string;
}

export interface SeedLoadResult {
  rows: number;
  columns: ColumnInfo[];
  /** `column_types` keys that name no column of the file (likely typos worth a warning). */
  unmatchedColumnTypes: string[];
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * Loads a CSV into `relation`, replacing it. The data goes to `<name>__dbt_tmp` first and is
 * swapped in by one transaction, so a failed load leaves the previous table untouched.
 */
export async function loadSeed(conn: Connection, dialect: Dialect, options: SeedLoadOptions): Promise<SeedLoadResult> {
  const { csvPath, relation, fileLabel } = options;
  const delimiter = checkedDelimiter(options.delimiter ?? ',', fileLabel);
  const header = readCsvHeader(csvPath, delimiter, fileLabel, options.csvOptions?.encoding as string | undefined);
  if (options.quoteColumns === false) checkPlainNames(header, fileLabel);
  const { declared, unmatched } = matchColumnTypes(header, options.columnTypes ?? {});
  await checkDeclaredTypes(conn, declared, fileLabel);

  const csv: CsvFile = { csvPath, fileLabel, delimiter, header, declared, options: options.csvOptions ?? {} };
  const target: Target = { relation: tempRelationOf(relation), names: header.map((name) => (options.quoteColumns === false ? name : dialect.quote(name))) };
  await conn.execute(dialect.createSchema(relation.database, relation.schema));
  await dropIfExists(conn, dialect, target.relation);
  const rows = await loadTemp(conn, dialect, csv, `${relation.identifier}__dbt_seed_stage`, target);
  await swapIn(conn, dialect, target.relation, relation);

  return { rows, columns: await conn.getColumns(relation), unmatchedColumnTypes: unmatched };
}

/** The table a seed is loaded into before the swap, and its column names as SQL. */
interface Target {
  relation: Relation;
  names: string[];
}

/**
 * Fills the temporary table and returns its row count. Where the engine reads CSV files in place, a sample of the
 * first rows is staged and judged, and the file is then loaded in one pass, each value cast to its column's sampled
 * type and checked against it; a value the sample did not foresee fails that pass, and the file is staged whole and
 * judged on every row instead. Small files fit in the sample, which then is the whole file. Elsewhere the file is
 * staged whole: parsed once, by the engine, into a temporary table of text (declared columns already typed), which
 * inference and the typed copy then read.
 */
async function loadTemp(conn: Connection, dialect: Dialect, csv: CsvFile, stageName: string, target: Target): Promise<number> {
  const undeclared = csv.header.filter((name) => !csv.declared.has(name));
  const stageWhole = async () => copyTyped(conn, dialect, csv, await conn.stageCsv({ ...csv, name: stageName }), undeclared, target);
  if (conn.createTableFromCsv === undefined || dialect.seed.checkedCast === undefined) return stageWhole();

  const sample = await conn.stageCsv({ ...csv, name: stageName, limit: SAMPLE_ROWS + 1 });
  if ((await countRows(conn, sample)) <= SAMPLE_ROWS) return copyTyped(conn, dialect, csv, sample, undeclared, target);
  const sampled = await sampleColumnTypes(conn, dialect, sample, undeclared);
  await conn.execute(`DROP TABLE ${sample}`);
  const checkedCast = dialect.seed.checkedCast.bind(dialect.seed);
  const select = selectList(dialect, csv, target, (value, name) => checkedCast(value, sampled.get(name) ?? { type: 'VARCHAR' }));
  try {
    await conn.createTableFromCsv(csv, dialect.renderRelation(target.relation), select);
    return countRows(conn, dialect.renderRelation(target.relation));
  } catch (error) {
    if (!String((error as Error | null)?.message).includes(SEED_MISFIT)) throw error;
  }
  await dropIfExists(conn, dialect, target.relation);
  return stageWhole();
}

/** Infers the types of the staged text columns and creates the temporary table from the stage, typed. */
async function copyTyped(conn: Connection, dialect: Dialect, csv: CsvFile, source: string, undeclared: string[], target: Target): Promise<number> {
  const inferred = await inferColumnTypes(conn, dialect, source, undeclared);
  const select = selectList(dialect, csv, target, (value, name) => dialect.seed.castExpression(value, inferred.get(name)?.type ?? 'VARCHAR'));
  try {
    await conn.execute(`CREATE TABLE ${dialect.renderRelation(target.relation)} AS\nSELECT ${select.join(',\n  ')}\nFROM ${source}`);
  } catch (error) {
    await dropIfExists(conn, dialect, target.relation);
    throw error;
  }
  const rows = await countRows(conn, source);
  await conn.execute(`DROP TABLE ${source}`);
  return rows;
}

/** The select list of the typed copy: declared columns as read, the others through `cast`. */
function selectList(dialect: Dialect, csv: CsvFile, target: Target, cast: (value: string, name: string) => string): string[] {
  return csv.header.map((name, i) => {
    const value = dialect.quote(name);
    return `${csv.declared.has(name) ? value : cast(value, name)} AS ${target.names[i]}`;
  });
}

async function countRows(conn: Connection, relation: string): Promise<number> {
  return Number((await conn.query(`SELECT count(*) AS n FROM ${relation}`)).rows[0].n);
}

function checkedDelimiter(delimiter: string, fileLabel: string): string {
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new SeedLoadError(
      `${fileLabel}: delimiter ${JSON.stringify(delimiter)} cannot be used; pick a character such as ',' ';' '|' or a tab`,
      fileLabel,
    );
  }
  return delimiter;
}

/** Unquoted, a header name goes into SQL as written: only plain names may, so that no header can become SQL. */
function checkPlainNames(header: string[], fileLabel: string): void {
  const bad = header.find((name) => !PLAIN_NAME.test(name));
  if (bad === undefined) return;
  throw new SeedLoadError(
    `${fileLabel}:1: column '${bad}' is not a plain SQL name (letters, digits, _ and $, not starting with a digit), ` +
      'and quote_columns: false puts header names into SQL unquoted. Rename the column, or leave quote_columns at its default (true).',
    fileLabel,
    1,
    bad,
  );
}

/** Keys match header names exactly, else case-insensitively (as DuckDB resolves names). */
function matchColumnTypes(
  header: string[],
  columnTypes: Record<string, string>,
): { declared: Map<string, string>; unmatched: string[] } {
  const declared = new Map<string, string>();
  const unmatched: string[] = [];
  for (const [key, type] of Object.entries(columnTypes)) {
    const name = header.includes(key) ? key : header.find((h) => h.toLowerCase() === key.toLowerCase());
    if (name === undefined) unmatched.push(key);
    else declared.set(name, type);
  }
  return { declared, unmatched };
}

async function checkDeclaredTypes(conn: Connection, declared: Map<string, string>, fileLabel: string): Promise<void> {
  for (const [column, type] of declared) {
    try {
      await conn.query(`SELECT CAST(NULL AS ${type})`);
    } catch (error) {
      const reason = String((error as Error).message).split('\n')[0];
      throw new SeedLoadError(
        `${fileLabel}: column_types gives column "${column}" the type '${type}', which the warehouse does not accept (${reason}). ` +
          'Use a type such as varchar, integer, bigint, double, numeric(10,2), date or timestamp.',
        fileLabel,
        undefined,
        column,
      );
    }
  }
}

async function dropIfExists(conn: Connection, dialect: Dialect, relation: Relation): Promise<void> {
  const existing = await conn.getRelation(relation);
  if (existing) await conn.execute(dialect.drop(relation, existing.type));
}

async function swapIn(conn: Connection, dialect: Dialect, temp: Relation, target: Relation): Promise<void> {
  const existing = await conn.getRelation(target);
  await conn.begin();
  try {
    if (existing) await conn.execute(dialect.drop(target, existing.type));
    await conn.execute(dialect.rename(temp, 'table', target.identifier));
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    await dropIfExists(conn, dialect, temp);
    throw error;
  }
}
