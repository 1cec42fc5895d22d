import type { Connection, Dialect, Relation } from '../adapters/adapter';
import { tempRelationOf } from '../plan/materialize';
import { SnapshotPlan, snapshotSpec, snapshotTimestamp } from '../plan/snapshot';
import type { NodeConfig } from '../project/types';

/**
 * Runs a snapshot's plan in one transaction: stages the query's rows, then creates the snapshot table (first run)
 * or applies SCD type 2 changes to it. Returns the statements run (for target/run).
 */
export async function runSnapshot(conn: Connection, dialect: Dialect, target: Relation, sql: string, config: NodeConfig, runStarted: Date): Promise<string[]> {
  const staging = tempRelationOf(target);
  const plan = new SnapshotPlan(dialect, snapshotSpec(config), target, staging, snapshotTimestamp(runStarted));
  const existing = await conn.getRelation(target);
  const statements = plan.prepare(sql);
  await conn.begin();
  try {
    for (const statement of statements) await conn.execute(statement);
    const sourceColumns = (await conn.getColumns(staging)).filter((c) => c.name !== '__snapshot_updated_at');
    const targetColumns = existing ? (await conn.getColumns(target)).map((c) => c.name) : null;
    const changes = plan.apply(sourceColumns, targetColumns);
    for (const statement of changes) await conn.execute(statement);
    await conn.commit();
    return [...statements, ...changes];
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  }
}
