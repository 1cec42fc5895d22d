import type { DuckDBConnection } from '@duckdb/node-api';
import type { Connection, CsvStage, QueryResult } from '../adapter';
import { catalogQueries } from '../catalog-queries';
import { duckdbDialect } from './dialect';
import { toWarehouseError } from './errors';
import { toQueryResult } from './results';
import { stageCsv } from './stage-csv';

export class DuckDBWarehouseConnection implements Connection {
  private readonly catalog = catalogQueries((sql) => this.query(sql), duckdbDialect);
  readonly listRelations = this.catalog.listRelations;
  readonly getRelation = this.catalog.getRelation;
  readonly getColumns = this.catalog.getColumns;

  constructor(private readonly raw: DuckDBConnection) {}

  async execute(sql: string): Promise<void> {
    try {
      await this.raw.run(sql);
    } catch (error) {
      throw toWarehouseError(error);
    }
  }

  async countStatements(sql: string): Promise<number> {
    try {
      // DuckDB's extractor fails on text with no statement at all; a known first statement keeps it counting.
      return (await this.raw.extractStatements(`SELECT 1;\n${sql}`)).count - 1;
    } catch (error) {
      throw toWarehouseError(error);
    }
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
