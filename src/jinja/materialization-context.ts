import type { Dialect, Relation as WarehouseRelation } from '../adapters/adapter';
import { splitCallArgs } from './compat';
import type { Relation } from './relation';
import type { TemplateRenderer } from './renderer';

/**
 * The parts of dbt's context that materialization bodies use (dbt-adapters' global project materializations): the
 * node's `sql` and hooks, the adapter's relation and transaction methods, and helpers tsdbt has no use for on its
 * engines (grants, the relation cache), which do nothing. Outside a materialization the node-specific names are
 * undefined, as in dbt, but `sql` and `compiled_code`, which a node's context holds as none before it is compiled.
 */
export function installMaterializationContext(renderer: TemplateRenderer, adapter: Record<string, unknown>, dialect: () => Dialect): void {
  const runtime = () => renderer.scope.materialization;
  // A node's context has them from the start: none until the node is compiled (dbt's model.compiled_code).
  const compiledCode = () => runtime()?.compiledCode ?? (renderer.scope.model ? null : undefined);
  renderer.defineGlobal('sql', compiledCode, true);
  renderer.defineGlobal('compiled_code', compiledCode, true);
  renderer.defineGlobal('pre_hooks', () => runtime()?.preHooks, true);
  renderer.defineGlobal('post_hooks', () => runtime()?.postHooks, true);
  // As in every dbt node context: the target's schema and database (materializations build relations from them).
  const target = () => renderer.globalValue('target') as { schema?: string; database?: string } | undefined;
  renderer.defineGlobal('schema', () => target()?.schema, true);
  renderer.defineGlobal('database', () => target()?.database, true);

  const run = (sql: string, autoBegin: boolean) => {
    if (renderer.scope.execute) renderer.scope.runQuery(sql, { autoBegin });
  };
  // dbt's adapter.rename_relation runs the rename_relation macro: a statement that opens the transaction.
  adapter.rename_relation = (from: Relation, to: Relation) => {
    run(dialect().rename(from.toName(), from.type === 'view' ? 'view' : 'table', String(to.identifier)), true);
    return '';
  };
  // Commits when the node's transaction is open; dbt raises when none is, which only a materialization's own
  // bookkeeping could cause, so tsdbt lets it pass.
  adapter.commit = () => {
    runtime()?.commit();
    return '';
  };
  // As dbt's adapter.truncate_relation: the truncate_relation macro, the project's own when it defines one.
  adapter.truncate_relation = (relation: Relation) => (renderer.globalValue('truncate_relation') as (r: Relation) => unknown)(relation);
  // So are adapter.create_schema and adapter.drop_schema (codegen's and Fivetran's set-up and clean-up operations).
  for (const name of ['create_schema', 'drop_schema'])
    adapter[name] = (relation: Relation) => (renderer.globalValue(name) as (r: Relation) => unknown)(relation);
  // tsdbt's engines need no widening of string columns, and keep no relation cache.
  for (const name of ['expand_target_column_types', 'cache_added', 'cache_dropped', 'cache_renamed']) adapter[name] = () => '';

  renderer.defineGlobal('persist_docs', (...raw: unknown[]) => {
    const { args: positional, kwargs } = splitCallArgs(raw);
    const flag = (index: number, name: string) => (positional.length > index ? positional[index] : (kwargs[name] ?? true)) !== false;
    const relation = (positional[0] ?? kwargs.relation) as Relation;
    for (const sql of runtime()?.persistDocsStatements(relation, flag(2, 'for_relation'), flag(3, 'for_columns')) ?? []) run(sql, true);
    return '';
  });
  // Grants and indexes are not configured on tsdbt's engines: the calls a materialization makes do nothing.
  renderer.defineGlobal('apply_grants', () => '');
  renderer.defineGlobal('should_revoke', () => false);
  renderer.defineGlobal('create_indexes', () => '');
  renderer.defineGlobal('load_cached_relation', (relation: Relation) => (renderer.globalValue('load_relation') as (r: Relation) => unknown)(relation));
}

export function warehouseRelation(relation: Relation): WarehouseRelation {
  return { database: String(relation.database), schema: String(relation.schema), identifier: String(relation.identifier) };
}
