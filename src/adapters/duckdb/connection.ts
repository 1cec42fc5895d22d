import type { DuckDBConnection } from '@duckdb/node-api';
import { WarehouseError, type CatalogRelation, type Connection, type CsvFile, type CsvStage, type QueryResult } from '../adapter';
import { catalogQueries } from '../catalog-queries';
import { countStatements } from '../statements';
import { statementAtLine, transactionScript, type TransactionScript } from '../transaction-script';
import { duckdbDialect, sameName } from './dialect';
import { inStatement, toWarehouseError } from './errors';
import { toQueryResult } from './results';
import { createTableFromCsv, stageCsv } from './stage-csv';

export class DuckDBWarehouseConnection implements Connection {
  private readonly lookups = catalogQueries((sql) => this.query(sql), duckdbDialect);
  readonly listRelations = this.lookups.listRelations;
  readonly getRelation = this.lookups.getRelation;
  readonly getColumns = this.lookups.getColumns;

  constructor(private readonly raw: DuckDBConnection) {}

  async execute(sql: string): Promise<void> {
    try {
      await this.raw.run(sql);
    } catch (error) {
      throw toWarehouseError(error);
    }
  }

  /** By the shared lexer: DuckDB's own extractor costs a call into the engine for every node. */
  async countStatements(sql: string): Promise<number> {
    return countStatements(sql);
  }

  async query(sql: string, limit?: number): Promise<QueryResult> {
    try {
      const reader = limit === undefined ? await this.raw.runAndReadAll(sql) : await this.raw.streamAndReadUntil(sql, limit);
      return toQueryResult(reader, limit);
    } catch (error) {
      throw toWarehouseError(error);
    }
  }

  stageCsv(stage: CsvStage): Promise<string> {
    return stageCsv((sql) => this.execute(sql), stage);
  }

  createTableFromCsv(csv: CsvFile, target: string, select: string[]): Promise<void> {
    return createTableFromCsv((sql) => this.execute(sql), csv, target, select);
  }

  async catalog(schemas: { database: string; schema: string }[]): Promise<CatalogRelation[]> {
    if (schemas.length === 0) return [];
    const inSchemas = schemas.map((s) => `(${sameName('database_name', s.database)} AND ${sameName('schema_name', s.schema)})`).join(' OR ');
    // duckdb_tables() keeps each table's row count (estimated_size) without a scan; views have none.
    const { rows: relations } = await this.query(
      `SELECT database_name, schema_name, table_name AS name, 'BASE TABLE' AS type, comment, estimated_size AS row_count
       FROM duckdb_tables() WHERE NOT temporary AND (${inSchemas})
       UNION ALL
       SELECT database_name, schema_name, view_name, 'VIEW', comment, NULL
       FROM duckdb_views() WHERE NOT internal AND NOT temporary AND (${inSchemas})
       ORDER BY 1, 2, 3`,
    );
    const { rows: columns } = await this.query(
      `SELECT database_name, schema_name, table_name, column_name, column_index, data_type, comment
       FROM duckdb_columns() WHERE NOT internal AND (${inSchemas})
       ORDER BY database_name, schema_name, table_name, column_index`,
    );
    const key = (database: unknown, schema: unknown, name: unknown) => `${String(database)}\u0000${String(schema)}\u0000${String(name)}`;
    const byRelation = new Map<string, CatalogRelation>();
    for (const row of relations) {
      byRelation.set(key(row.database_name, row.schema_name, row.name), {
        database: String(row.database_name),
        schema: String(row.schema_name),
        name: String(row.name),
        type: String(row.type),
        comment: row.comment == null ? null : String(row.comment),
        owner: null,
        ...(row.row_count == null ? {} : { rowCount: Number(row.row_count) }),
        columns: [],
      });
    }
    for (const row of columns) {
      byRelation.get(key(row.database_name, row.schema_name, row.table_name))?.columns.push({
        name: String(row.column_name),
        type: String(row.data_type),
        index: Number(row.column_index),
        comment: row.comment == null ? null : String(row.comment),
      });
    }
    return [...byRelation.values()];
  }

  interrupt(): void {
    this.raw.interrupt();
  }

  async transaction(statements: string[]): Promise<void> {
    const script = transactionScript('BEGIN TRANSACTION', statements, 'COMMIT');
    try {
      await this.raw.run(script.sql);
    } catch (error) {
      // Located before the rollback: statements before the failing one are still in effect for it to bind against.
      const located = await this.locate(toWarehouseError(error), script);
      // After a syntax error nothing ran and there is no transaction to end.
      await this.raw.run('ROLLBACK').catch(() => undefined);
      throw located;
    }
  }

  /**
   * Which statement of the script failed. A parser error's line counts in the whole script. Past the parser, DuckDB
   * leaves the line out of errors in a text of several statements; preparing each statement alone (which runs
   * nothing) finds the first that fails the same way, with its line. Such errors leave the transaction open, so the
   * statements before the failing one are seen as they were when it ran.
   */
  private async locate(error: WarehouseError, script: TransactionScript): Promise<WarehouseError> {
    if (error.line !== undefined) {
      const at = statementAtLine(script, error.line);
      return at ? inStatement(error, at.line, at.index) : new WarehouseError(error.message, error.kind);
    }
    const headline = error.message.split('\n')[0];
    for (const [index, statement] of script.statements.entries()) {
      try {
        (await this.raw.prepare(statement)).destroySync();
      } catch (cause) {
        const again = toWarehouseError(cause);
        if (again.message.split('\n')[0] === headline) return inStatement(again, again.line, index);
      }
    }
    return error;
  }

  begin(): Promise<void> {
    return this.execute('BEGIN TRANSACTION');
  }

  commit(): Promise<void> {
    return this.execute('COMMIT');
  }

  rollback(): Promise<void> {
    return this.execute('ROLLBACK');
  }

  close(): void {
    this.raw.closeSync();
  }
}
