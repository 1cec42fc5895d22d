import { WarehouseError, type Connection } from '../adapters/adapter';
import { hooksOf, type Compiler, type HookKey } from '../compile/compiler';
import type { Node, NodeConfig } from '../project/types';

/**
 * Runs a node's pre- or post-hooks that belong on one side of its transaction (`transaction: false` hooks run outside
 * it), as dbt's run_hooks does: each is rendered just before it runs, on the node's connection, so it sees the
 * relation the node just built and what earlier hooks did. Returns the SQL run, for target/run.
 */
export async function runHooks(
  compiler: Compiler,
  conn: Connection,
  node: Node,
  config: NodeConfig,
  key: HookKey,
  insideTransaction: boolean,
): Promise<string[]> {
  const ran: string[] = [];
  for (const [index, hook] of hooksOf(config, key).entries()) {
    if (hook.transaction !== insideTransaction) continue;
    const sql = await compiler.renderHook(node, config, hook, (query) => conn.query(query));
    if (sql === '') continue;
    await conn.execute(sql).catch((error: unknown) => {
      throw inHook(error, key, index + 1);
    });
    ran.push(sql);
  }
  return ran;
}

/**
 * A failing hook's error names the hook: the line the warehouse gives counts in the hook's SQL, not in the node's
 * compiled SQL, which is where an error's line points otherwise.
 */
function inHook(error: unknown, key: HookKey, position: number): unknown {
  if (!(error instanceof WarehouseError)) return error;
  const [headline, ...rest] = error.message.split('\n');
  const where = `${key} ${position}${error.line === undefined ? '' : `, line ${error.line}`}`;
  return new WarehouseError([`${headline} (in ${where})`, ...rest].join('\n'), error.kind);
}

export function hasHooks(config: NodeConfig): boolean {
  return hooksOf(config, 'pre-hook').length + hooksOf(config, 'post-hook').length > 0;
}
