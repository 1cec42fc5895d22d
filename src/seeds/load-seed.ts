import type { ColumnInfo, Connection, Dialect, Relation } from '../adapters/adapter';
import { tempRelationOf } from '../plan/materialize';
import { readCsvHeader } from './csv-header';
import { inferColumnTypes } from './infer-column-types';
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

  // The CSV is parsed once, by the engine, into a temporary table of text (declared columns already typed);
  // inference and the typed copy then read that table, which is far cheaper than parsing the file again.
  const source = await conn.stageCsv({ csvPath, fileLabel, delimiter, header, declared, name: `${relation.identifier}__dbt_seed_stage`, options: options.csvOptions ?? {} });
  const undeclared = header.filter((name) => !declared.has(name));
  const inferred = await inferColumnTypes(conn, dialect, source, undeclared);

  const select = header.map((name) => {
    const value = dialect.quote(name);
    const expression = declared.has(name) ? value : dialect.seed.castExpression(value, inferred.get(name) ?? 'VARCHAR');
    return `${expression} AS ${options.quoteColumns === false ? name : value}`;
  });

  const temp = tempRelationOf(relation);
  await conn.execute(dialect.createSchema(relation.database, relation.schema));
  await dropIfExists(conn, dialect, temp);
  try {
    await conn.execute(`CREATE TABLE ${dialect.renderRelation(temp)} AS\nSELECT ${select.join(',\n  ')}\nFROM ${source}`);
  } catch (error) {
    await dropIfExists(conn, dialect, temp);
    throw error;
  }
  const counted = await conn.query(`SELECT count(*) AS n FROM ${source}`);
  await conn.execute(`DROP TABLE ${source}`);
  await swapIn(conn, dialect, temp, relation);

  return {
    rows: Number(counted.rows[0].n),
    columns: await conn.getColumns(relation),
    unmatchedColumnTypes: unmatched,
  };
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
