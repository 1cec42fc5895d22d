import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { CatalogRelation, Connection, CsvStage, QueryResult } from '../adapter';
import { catalogQueries } from '../catalog-queries';
import { transactionScript } from '../transaction-script';
import { postgresCatalog } from './catalog';
import { postgresDialect } from './dialect';
import { scriptError, toWarehouseError } from './errors';
import { rememberTypeNames, toQueryResult, unknownTypes } from './results';
import { stageCsv } from './stage-csv';
import { countStatements } from '../statements';

export class PostgresWarehouseConnection implements Connection {
  private readonly lookups = catalogQueries((sql) => this.query(sql), postgresDialect);
  readonly listRelations = this.lookups.listRelations;
  readonly getRelation = this.lookups.getRelation;
  readonly getColumns = this.lookups.getColumns;
  constructor(
    readonly raw: Client,
    /** Asks the server, over another connection, to cancel what this one runs. */
    private readonly cancel: () => Promise<void> = async () => undefined,
  ) {
    // A dropped connection is reported by the next query on it; unhandled, the event would end the process.
    raw.on('error', () => undefined);
  }

  async execute(sql: string): Promise<void> {
    await this.query(sql);
  }

  async countStatements(sql: string): Promise<number> {
    return countStatements(sql);
  }

  /** Without parameters the driver uses the simple query protocol, which runs several statements in one call. */
  async query(sql: string, limit?: number): Promise<QueryResult> {
    try {
      const result = await this.raw.query(sql);
      const unknown = unknownTypes(result);
      if (unknown.length > 0) {
        const names = await this.raw.query<{ oid: number; name: string }>(
          `SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid IN (${unknown.join(', ')})`,
        );
        rememberTypeNames(names.rows.map((row) => [row.oid, row.name]));
      }
      return toQueryResult(result, limit);
    } catch (error) {
      throw toWarehouseError(error, sql);
    }
  }

  /** Streams `data` into `COPY ... FROM STDIN`; returns the number of rows copied. */
  async copyFrom(copySql: string, data: Readable): Promise<number> {
    const sink = this.raw.query(copyFrom(copySql));
    try {
      await pipeline(data, sink);
    } catch (error) {
      throw toWarehouseError(error);
    }
    return sink.rowCount;
  }

  catalog(schemas: { database: string; schema: string }[]): Promise<CatalogRelation[]> {
    return postgresCatalog((sql) => this.query(sql), schemas);
  }

  stageCsv(stage: CsvStage): Promise<string> {
    return stageCsv(this, (sql, data) => this.copyFrom(sql, data), stage);
  }

  interrupt(): void {
    this.cancel().catch(() => undefined);
  }

  /** One simple query: Postgres runs it as one transaction and stops at the first failing statement. */
  async transaction(statements: string[]): Promise<void> {
    const script = transactionScript('BEGIN', statements, 'COMMIT');
    try {
      await this.raw.query(script.sql);
    } catch (error) {
      // After a syntax error nothing ran and there is no transaction to end: Postgres only warns.
      await this.raw.query('ROLLBACK').catch(() => undefined);
      throw scriptError(error, script);
    }
  }

  begin(): Promise<void> {
    return this.execute('BEGIN');
  }

  commit(): Promise<void> {
    return this.execute('COMMIT');
  }

  rollback(): Promise<void> {
    return this.execute('ROLLBACK');
  }

  close(): void {
    this.raw.end().catch(() => undefined);
  }
}
