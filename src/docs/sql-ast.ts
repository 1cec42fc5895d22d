import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB's SQL parser, in an in-memory database of its own: `json_serialize_sql` parses without binding,
 * so no table needs to exist and the warehouse (DuckDB or PostgreSQL) is never asked. SQL of another
 * dialect parses when DuckDB's grammar (PostgreSQL's, extended) reads it; else the AST says why not.
 */
export class SqlParser {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<SqlParser> {
    const instance = await DuckDBInstance.create(':memory:');
    return new SqlParser(instance, await instance.connect());
  }

  /** The AST of `sql` as DuckDB serialises it: `{ error: false, statements }` or `{ error: true, error_message }`. */
  async parse(sql: string): Promise<unknown> {
    const reader = await this.connection.runAndReadAll('select json_serialize_sql($1::varchar)', [sql]);
    return JSON.parse(String(reader.getRows()[0][0]));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
