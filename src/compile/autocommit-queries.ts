import type { Adapter } from '../adapters/adapter';
import type { QueryRunner } from './compiler';

/** `COMMIT`, `commit;`, `COMMIT WORK`, `END TRANSACTION`: a statement that only ends a transaction. */
const TRANSACTION_END = /^\s*(commit|end)(\s+(work|transaction))?\s*;?\s*$/i;

/**
 * The queries templates run outside a node's transaction (run_query, statement and adapter methods while compiling,
 * in operations and project hooks), each on a connection of the pool, committed as it ends. dbt runs them in a
 * transaction it leaves open, so projects and packages follow their writes with `run_query('commit')`; here nothing
 * is open by then, and that statement is answered without being sent (DuckDB would refuse it: no transaction is
 * active). `adapter` is asked for only when a query is.
 */
export function autocommitQueries(adapter: () => Promise<Adapter>): QueryRunner {
  return async (sql) => {
    if (TRANSACTION_END.test(sql)) return { columns: [], rows: [] };
    const pool = await adapter();
    const conn = await pool.acquire();
    try {
      return await conn.query(sql);
    } finally {
      pool.release(conn);
    }
  };
}
