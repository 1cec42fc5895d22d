import { openAdapter } from '../../src/adapters/duckdb/adapter';

/** Rows of `sql` against a DuckDB file, through the process-wide shared instance that tsdbt runs also use. */
export async function queryDatabase(databaseFile: string, sql: string): Promise<Record<string, unknown>[]> {
  const adapter = await openAdapter({ path: databaseFile, threads: 1 });
  try {
    const conn = await adapter.acquire();
    try {
      return (await conn.query(sql)).rows;
    } finally {
      adapter.release(conn);
    }
  } finally {
    await adapter.close();
  }
}
