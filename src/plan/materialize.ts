import type { Dialect, Relation, RelationType } from '../adapters/adapter';

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

export type IncrementalStrategy = 'append' | 'delete+insert' | 'merge';

export interface IncrementalPlan {
  strategy: IncrementalStrategy;
  uniqueKey: string[];
  /** Columns of the new rows, in the target's order, that the target has. */
  columns: string[];
}

/** Statements that apply new rows (already in `staging`) to an existing incremental table. */
export function applyIncremental(dialect: Dialect, target: Relation, staging: Relation, plan: IncrementalPlan): string[] {
  const source = `select * from ${dialect.renderRelation(staging)}`;
  switch (plan.strategy) {
    case 'append':
      return [dialect.insertInto(target, source, plan.columns)];
    case 'delete+insert':
      return [dialect.deleteWhereKeysIn(target, source, plan.uniqueKey), dialect.insertInto(target, source, plan.columns)];
    case 'merge':
      return [dialect.mergeInto(target, source, { uniqueKey: plan.uniqueKey, columns: plan.columns })];
  }
}
