import type { Dialect, Relation, RelationType } from '../adapters/adapter';
import type { Node, NodeConfig } from '../project/types';

/*
 * `persist_docs`: descriptions written as COMMENT ON the relation and its documented columns. As dbt's adapters do,
 * only the columns the relation has are commented (properties files may describe columns that only some warehouses'
 * variant of a model has), so column comments need the relation's columns, read once it is built.
 */

function persistFlags(config: NodeConfig): { relation?: boolean; columns?: boolean } {
  return (config.persist_docs ?? {}) as { relation?: boolean; columns?: boolean };
}

export function relationCommentStatements(dialect: Dialect, node: Node, config: NodeConfig, target: Relation, kind: RelationType): string[] {
  if (!persistFlags(config).relation || !node.description) return [];
  return [`comment on ${kind === 'view' ? 'view' : 'table'} ${dialect.renderRelation(target)} is ${dialect.literal(node.description)}`];
}

/** Whether there are column comments to write: only then are the relation's columns needed. */
export function persistsColumnDocs(node: Node, config: NodeConfig): boolean {
  return !!persistFlags(config).columns && Object.values(node.columns).some((column) => column.description);
}

export function columnCommentStatements(dialect: Dialect, node: Node, target: Relation, existingColumns: readonly string[]): string[] {
  const relation = dialect.renderRelation(target);
  return Object.values(node.columns)
    .filter((column) => column.description && existingColumns.includes(column.name))
    .map((column) => `comment on column ${relation}.${dialect.quote(column.name)} is ${dialect.literal(column.description)}`);
}
