import { TsdbtError } from '../errors/tsdbt-error';
/**
 * Engine-neutral warehouse interfaces. Everything outside src/adapters/<engine>/ talks to the
 * warehouse through these types only, so no engine type ever leaks into planning or execution.
 */

export interface Relation {
  database: string;
  schema: string;
  identifier: string;
}

/**
 * A relation as dbt macros may name it: database and schema can be absent (a temporary table named by its identifier
 * alone), and the warehouse then finds it as it resolves the unqualified name.
 */
export interface RelationName {
  database?: string | null;
  schema?: string | null;
  identifier: string;
}

export type RelationType = 'table' | 'view';

/** Column values are JSON-safe: integers beyond 2^53 and wide decimals stay exact as strings. */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

export interface ColumnInfo {
  name: string;
  dataType: string;
}

/** A relation as the warehouse describes it: what catalog.json reports. */
export interface CatalogRelation {
  database: string;
  schema: string;
  name: string;
  /** The warehouse's word for the kind of relation: 'BASE TABLE', 'VIEW', ... */
  type: string;
  comment: string | null;
  owner: string | null;
  /** Rows in the relation, where the warehouse keeps the count without scanning (tables). */
  rowCount?: number;
  /** In the relation's column order; `index` is 1-based. */
  columns: { name: string; type: string; index: number; comment: string | null }[];
}

export interface Connection {
  /** Runs one or several statements; results are discarded. */
  execute(sql: string): Promise<void>;
  /** How many statements `sql` holds, by the engine's lexical rules (0 for only whitespace and comments); throws on an unterminated quote or comment. */
  countStatements(sql: string): Promise<number>;
  /** Runs one or several statements and returns the last one's rows (at most `limit` if given). */
  query(sql: string, limit?: number): Promise<QueryResult>;
  listRelations(database: string, schema: string): Promise<{ identifier: string; type: RelationType }[]>;
  getRelation(rel: Relation): Promise<{ type: RelationType } | null>;
  getColumns(rel: Relation): Promise<ColumnInfo[]>;
  /** Parses the CSV into a temporary table (see CsvStage); returns SQL naming that table. Errors cite file:line. */
  stageCsv(stage: CsvStage): Promise<string>;
  /**
   * Engines that query a CSV file in place (DuckDB's read_csv): creates table `target` from `select`, expressions over
   * the CSV's columns (declared ones typed, the others text), in one pass over the file. Errors cite file:line.
   * Engines without it stage the whole file first.
   */
  createTableFromCsv?(csv: CsvFile, target: string, select: string[]): Promise<void>;
  /** Every relation of the given schemas, with its columns, comments and statistics (for `docs generate`). */
  catalog(schemas: { database: string; schema: string }[]): Promise<CatalogRelation[]>;
  /** Stops the statement running on this connection, if any: it fails with the engine's interrupt error. */
  interrupt(): void;
  /**
   * Runs the statements as one transaction, sent in one call. A failure rolls it back and throws a WarehouseError
   * whose `statement` is the index of the failing statement when the engine's report locates it, `line` then
   * counted within that statement.
   */
  transaction(statements: string[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): void;
}

export interface MergeOptions {
  uniqueKey: string[];
  /** Columns inserted for new keys. */
  columns: string[];
  /** Columns overwritten for existing keys; defaults to `columns`. */
  updateColumns?: string[];
}

/** What a seed column's values may be, in dbt's order of preference (agate's type tester). */
export type SeedCandidate = 'number' | 'date' | 'datetime' | 'iso' | 'boolean';

/** Inferred seed column types, named engine-neutrally; each dialect spells them (DOUBLE is `double precision` in Postgres). */
export type SeedType = 'INTEGER' | 'BIGINT' | 'HUGEINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'VARCHAR';

/** A seed column's inferred type and the candidate that gave it (none for text). */
export interface InferredType {
  type: SeedType;
  candidate?: SeedCandidate;
}

/** The engine's side of dbt's seed type inference: src/seeds decides, these expressions test and convert the text. */
export interface SeedSql {
  /** SQL that is true when the text `value` is null, a null word, or parses as `candidate`. */
  acceptsValue(candidate: SeedCandidate, value: string): string;
  /** Aggregates `${prefix}whole`, `${prefix}min`, `${prefix}max` sizing a column of numbers. */
  numberShapeAggregates(value: string, prefix: string): string[];
  /** SQL turning the text `value` into `type`, exactly as `acceptsValue` accepted it. */
  castExpression(value: string, type: SeedType): string;
  /**
   * Engines that can fail a query from an expression: `value` as `inferred.type`, exactly as `castExpression` converts
   * it, when the value is one `acceptsValue(inferred.candidate)` accepts and, for numbers, one that keeps the column
   * that type; otherwise the query fails with SEED_MISFIT in its message. A load can then trust a sample's types and
   * learn in the same pass whether the rest of the file agrees.
   */
  checkedCast?(value: string, inferred: InferredType): string;
  typeName(type: SeedType): string;
  /**
   * A FROM item of (`columnAlias`, `valueAlias`) pairs: the first `rows` rows of `source` unpivoted over `columns`,
   * so one query of constant size judges every column of a wide seed.
   */
  sampleValues(source: string, columns: string[], rows: number, columnAlias: string, valueAlias: string): string;
}

/** A seed's CSV as the engine reads it: declared columns typed, the others text. */
export interface CsvFile {
  csvPath: string;
  fileLabel: string;
  delimiter: string;
  header: string[];
  /** Declared column types (dbt `column_types`) by CSV column name. */
  declared: Map<string, string>;
  /** The seed's `csv_options`: reader settings the engine checks and applies. */
  options: Record<string, unknown>;
}

/** A CSV to parse once into a temporary table. */
export interface CsvStage extends CsvFile {
  /** Name of the temporary table. */
  name: string;
  /** Only the first `limit` rows: the sample of an engine that then reads the file in place (`createTableFromCsv`). */
  limit?: number;
}

/** Builds SQL text only; never touches a database. */
export interface Dialect {
  quote(identifier: string): string;
  /** Single-quoted string literal. */
  literal(value: string): string;
  /** The parts present, each quoted, joined with dots. */
  renderRelation(rel: RelationName): string;
  createSchema(database: string, schema: string): string;
  createTableAs(rel: Relation, sql: string): string;
  createViewAs(rel: Relation, sql: string): string;
  drop(rel: RelationName, type: RelationType): string;
  rename(rel: RelationName, type: RelationType, newIdentifier: string): string;
  insertInto(target: Relation, sourceSql: string, columns?: string[]): string;
  deleteWhereKeysIn(target: Relation, sourceSql: string, uniqueKey: string[]): string;
  mergeInto(target: Relation, sourceSql: string, options: MergeOptions): string;
  // Catalog queries, also run from templates (`adapter.get_relation`, ...).
  /** Zero or one row; column `relation_type` is 'table' or 'view'. */
  findRelationSql(rel: RelationName): string;
  /** Columns `identifier` and `relation_type`, one row per relation in the schema. */
  listRelationsSql(database: string, schema: string): string;
  /** Columns `column_name` and `data_type`, in the relation's column order. */
  columnsSql(rel: RelationName): string;
  /** One row when the schema exists. */
  schemaExistsSql(database: string, schema: string): string;
  seed: SeedSql;
}

export interface Adapter {
  readonly type: string;
  readonly dialect: Dialect;
  /** Catalog name of the main database, e.g. 'streamflix' for streamflix.duckdb, 'memory' for :memory:. */
  readonly database: string;
  /** Waits for a free connection when all `threads` connections are in use. */
  acquire(): Promise<Connection>;
  release(connection: Connection): void;
  /** Interrupts the statements running on every connection (Ctrl-C). */
  interrupt(): void;
  close(): Promise<void>;
}

export interface AdapterOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** Size of the connection pool: one connection per worker thread. */
  threads: number;
  settings?: Record<string, string | number | boolean>;
  extensions?: string[];
}

/**
 * A failure reported by the warehouse. `kind` is the engine's error category
 * ('Parser Error', 'Catalog Error', 'Conversion Error', ..., or 'Lock Error' for a database
 * held by another process); `line` is the 1-based line of the failing SQL when the engine says; `statement`, for
 * several statements sent together, the index of the one that failed, which `line` counts in.
 */
export class WarehouseError extends TsdbtError {
  readonly exitCode = 2;
  readonly kind: string;
  readonly line?: number;
  readonly statement?: number;

  constructor(message: string, kind: string, line?: number, statement?: number) {
    super(message);
    this.kind = kind;
    if (line !== undefined) this.line = line;
    if (statement !== undefined) this.statement = statement;
  }
}
