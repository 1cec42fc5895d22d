import { ProjectError } from '../../errors';
import type { NodeResult } from '../../execute/results';
import { writeRunResults } from '../../report/artifacts';
import { foundLine, reportSummary } from '../../report/summary';
import { deferralFrom } from '../../state/defer';
import type { ResourceTypeFilter, Session } from '../session';

export interface CloneOptions {
  fullRefresh?: boolean;
  resourceTypes?: ResourceTypeFilter;
}

const CLONED = new Set(['model', 'seed', 'snapshot']);

/**
 * `clone`: each selected model, seed and snapshot becomes a view on the relation the --state run built, as dbt-duckdb
 * clones (DuckDB has no zero-copy table clone). A relation that is already a table is kept unless --full-refresh.
 */
export async function cloneCommand(session: Session, options: CloneOptions): Promise<number> {
  const { manifest, reporter } = session;
  if (!session.previous) throw new ProjectError('clone needs the run to clone from', undefined, "add --state <folder holding that run's manifest.json>");
  const started = Date.now();
  reporter.info(foundLine(manifest), 'FoundStats');
  const selected = session.select(options.resourceTypes);
  const nodes = manifest.dag
    .topologicalOrder()
    .map((id) => manifest.nodes.get(id))
    .filter((n) => n && selected.has(n.uniqueId) && CLONED.has(n.resourceType) && n.config.materialized !== 'ephemeral')
    .map((n) => n!);
  const state = deferralFrom(session.previous, new Set(), false);
  const adapter = await session.warehouse(1);
  const { dialect } = adapter;
  const conn = await adapter.acquire();
  const results: NodeResult[] = [];
  try {
    for (const [i, node] of nodes.entries()) {
      reporter.nodeStart(node, i + 1, nodes.length);
      const began = Date.now();
      const from = state.stateRelation(node.uniqueId);
      const target = { database: node.database, schema: node.schema, identifier: node.alias };
      let status: NodeResult['status'] = 'success';
      let message = 'OK';
      try {
        const existing = await conn.getRelation(target);
        if (!from) {
          status = 'no-op';
          message = `No relation found in state manifest for ${node.uniqueId}`;
        } else if (existing?.type === 'table' && !options.fullRefresh) {
          status = 'no-op';
          message = `${node.schema}.${node.alias} is already a table; kept (use --full-refresh to replace it)`;
        } else if (from.render() !== dialect.renderRelation(target)) {
          const statements = [dialect.createSchema(node.database, node.schema)];
          if (existing) statements.push(dialect.drop(target, existing.type));
          statements.push(dialect.createViewAs(target, `select * from ${from.render()}`));
          await conn.execute(statements.join(';\n'));
        }
      } catch (error) {
        status = 'error';
        message = (error as Error).message;
      }
      const result: NodeResult = {
        uniqueId: node.uniqueId,
        status,
        message,
        failures: null,
        executionTime: (Date.now() - began) / 1000,
        timing: [],
        adapterResponse: {},
      };
      results.push(result);
      reporter.nodeResult(node, result, i + 1, nodes.length);
    }
  } finally {
    adapter.release(conn);
  }
  const elapsed = (Date.now() - started) / 1000;
  reportSummary(reporter, manifest.nodes, results, elapsed);
  writeRunResults(manifest, session.invocationId, results, elapsed, { which: 'clone', select: session.options.select, exclude: session.options.exclude });
  return results.some((r) => r.status === 'error') ? 1 : 0;
}
