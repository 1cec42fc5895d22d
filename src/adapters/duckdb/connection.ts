import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, Connection, QueryResult, Relation, RelationType } from '../adapter';
import { duckdbDialect } from './dialect';
import { toWarehouseError } from './errors';
import { toQueryResult } from './results';

const { literal } = duckdbDialect;

/** DuckDB resolves names case-insensitively, so catalog lookups compare the same way. */
function sameName(column: string, name: string): string {
  return `lower(${column}) = lower(${literal(name)})`;
}

function relationTypeOf(tableType: unknown): RelationType {
  return tableType === 'VIEW' ? 'view' : 'table';
}

export class DuckDBWarehouseConnection implements Connection {
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

  async listRelations(database: string, schema: string): Promise<{ identifier: string; type: RelationType }[]> {
    const { rows } = await this.query(
      `SELECT table_name, table_type FROM information_schema.tables
       WHERE ${sameName('table_catalog', database)} AND ${sameName('table_schema', schema)}
       ORDER BY table_name`,
    );
    return rows.map((row) => ({ identifier: String(row.table_name), type: relationTypeOf(row.table_type) }));
  }

  async getRelation(rel: Relation): Promise<{ type: RelationType } | null> {
    const { rows } = await this.query(
      `SELECT table_type FROM information_schema.tables
       WHERE ${sameName('table_catalog', rel.database)} AND ${sameName('table_schema', rel.schema)}
         AND ${sameName('table_name', rel.identifier)}`,
    );
    return rows.length === 0 ? null : { type: relationTypeOf(rows[0].table_type) };
  }

  async getColumns(rel: Relation): Promise<ColumnInfo[]> {
    const { rows } = await this.query(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE ${sameName('table_catalog', rel.database)} AND ${sameName('table_schema', rel.schema)}
         AND ${sameName('table_name', rel.identifier)}
       ORDER BY ordinal_position`,
    );
    return rows.map((row) => ({ name: String(row.column_name), dataType: String(row.data_type) }));
  }

  interrupt(): void {
    this.raw.interrupt();
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
