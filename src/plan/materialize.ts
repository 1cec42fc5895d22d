import type { Dialect, Relation, RelationType } from '../adapters/adapter';
import { ProjectError } from '../errors';
import type { NodeConfig } from '../project/types';
import type { PlannedNode } from './incremental';

/** What is known of the catalog before replacing a relation; statements for what does not exist are left out. */
export interface ReplaceContext {
  existing: RelationType | null;
  /** A leftover `<name>__dbt_tmp` from an interrupted run. */
  leftoverTemp: RelationType | null;
  schemaExists: boolean;
}

/** Where a relation is built before it is swapped in (dbt's `<name>__dbt_tmp`). */
export function tempRelationOf(target: Relation): Relation {
  return { ...target, identifier: `${target.identifier}__dbt_tmp` };
}

/** How a model is built this run. */
export type BuildMethod = { kind: 'none' } | { kind: 'replace'; relationType: RelationType } | { kind: 'incremental' };

/**
 * dbt's choice of build: ephemeral models build nothing; views and tables are replaced; an incremental model is
 * applied to its table when one exists and no full refresh is asked (`full_refresh` config over the flag).
 */
export function buildMethod(config: NodeConfig, existing: RelationType | null, fullRefreshFlag: boolean, node: PlannedNode): BuildMethod {
  const materialized = String(config.materialized ?? 'view');
  const fullRefresh = typeof config.full_refresh === 'boolean' ? config.full_refresh : fullRefreshFlag;
  switch (materialized) {
    case 'ephemeral':
      return { kind: 'none' };
    case 'view':
      return { kind: 'replace', relationType: 'view' };
    case 'table':
      return { kind: 'replace', relationType: 'table' };
    case 'incremental':
      return existing === 'table' && !fullRefresh ? { kind: 'incremental' } : { kind: 'replace', relationType: 'table' };
    default:
      throw new ProjectError(
        `no materialization '${materialized}' was found`,
        { file: node.file },
        `use view, table, incremental or ephemeral, or define it with {% materialization ${materialized}, default %} (or adapter='<type>') in a macro file`,
      );
  }
}

/** Statements that replace `target` atomically: built under a temporary name, then swapped in by renames. */
export function replaceRelation(dialect: Dialect, target: Relation, sql: string, kind: RelationType, context: ReplaceContext): string[] {
  const temp = tempRelationOf(target);
  return [
    ...(context.schemaExists ? [] : [dialect.createSchema(target.database, target.schema)]),
    ...(context.leftoverTemp ? [dialect.drop(temp, context.leftoverTemp)] : []),
    kind === 'view' ? dialect.createViewAs(temp, sql) : dialect.createTableAs(temp, sql),
    ...(context.existing ? [dialect.drop(target, context.existing)] : []),
    dialect.rename(temp, kind, target.identifier),
  ];
}
