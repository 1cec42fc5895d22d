import type { Connection, Dialect, Relation } from '../adapters/adapter';
import { tempRelationOf } from '../plan/materialize';
import { SnapshotPlan, snapshotSpec } from '../plan/snapshot';
import type { NodeConfig } from '../project/types';

/**
 * Runs a snapshot: stages the query's rows, then creates the snapshot table (first run) or applies SCD type 2
 * changes to it, all in one transaction. Returns the statements run (for target/run).
 */
export async function runSnapshot(conn: Connection, dialect: Dialect, target: Relation, sql: string, config: NodeConfig, runStarted: Date): Promise<string[]> {
  const spec = snapshotSpec(config);
  const staging = tempRelationOf(target);
  const snapshotTime = `cast('${runStarted.toISOString().replace('T', ' ').replace('Z', '')}' as timestamp)`;
  const plan = new SnapshotPlan(dialect, spec, target, staging, snapshotTime);
  const existing = await conn.getRelation(target);
  const statements: string[] = [dialect.createSchema(target.database, target.schema), dialect.drop(staging, 'table'), plan.stage(sql)];
  await conn.begin();
  try {
    for (const statement of statements) await conn.execute(statement);
    const sourceColumns = (await conn.getColumns(staging)).filter((c) => c.name !== '__snapshot_updated_at');
    const changes = existing
      ? plan.update(
          sourceColumns,
          (await conn.getColumns(target)).map((c) => c.name),
        )
      : [plan.create(sourceColumns.map((c) => c.name))];
    changes.push(dialect.drop(staging, 'table'));
    for (const statement of changes) await conn.execute(statement);
    await conn.commit();
    return [...statements, ...changes];
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  }
}
