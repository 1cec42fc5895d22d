import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a build produced, as one comparable string: every table's and view's row count and an
 * order-independent hash of its rows, plus every node's status from run_results.json.
 */
export async function fingerprint(databaseFile: string, projectDir: string): Promise<string> {
  const instance = await DuckDBInstance.create(databaseFile, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const tables = (
      await connection.runAndReadAll(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = current_database() ORDER BY ALL`)
    ).getRowObjectsJS();
    const parts: string[] = [];
    for (const { table_schema: schema, table_name: name } of tables) {
      const relation = `"${String(schema)}"."${String(name)}"`;
      const [row] = (
        await connection.runAndReadAll(`SELECT count(*)::VARCHAR AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM ${relation} AS t`)
      ).getRowObjectsJS();
      parts.push(`${relation}=${String(row.n)}:${String(row.h)}`);
    }
    const results = JSON.parse(readFileSync(path.join(projectDir, 'target', 'run_results.json'), 'utf8')) as {
      results: { unique_id: string; status: string }[];
    };
    parts.push(...results.results.map((r) => `${r.unique_id}=${r.status}`).sort());
    return parts.join('\n');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
