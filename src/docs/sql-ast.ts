import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBListValue } from '@duckdb/node-api';

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

  /**
   * The AST of each query as DuckDB serialises it: `{ error: false, statements }` or `{ error: true,
   * error_message }`. One statement for all of them: a round trip per query would cost ten times more.
   */
  async parseAll(sqls: string[]): Promise<unknown[]> {
    if (sqls.length === 0) return [];
    const reader = await this.connection.runAndReadAll('select list_transform($1::varchar[], sql -> json_serialize_sql(sql))', [listValue(sqls)]);
    return (reader.getRows()[0][0] as DuckDBListValue).items.map((text) => JSON.parse(String(text)));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
