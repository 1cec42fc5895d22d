import type { Dialect, Relation, RelationType } from '../adapters/adapter';
import type { Node, NodeConfig } from '../project/types';

/** `persist_docs`: descriptions written as COMMENT ON the relation and its documented columns. */
export function persistDocsStatements(dialect: Dialect, node: Node, config: NodeConfig, target: Relation, kind: RelationType): string[] {
  const persist = (config.persist_docs ?? {}) as { relation?: boolean; columns?: boolean };
  const relation = dialect.renderRelation(target);
  const statements: string[] = [];
  if (persist.relation && node.description)
    statements.push(`comment on ${kind === 'view' ? 'view' : 'table'} ${relation} is ${dialect.literal(node.description)}`);
  if (persist.columns) {
    for (const column of Object.values(node.columns)) {
      if (column.description) statements.push(`comment on column ${relation}.${dialect.quote(column.name)} is ${dialect.literal(column.description)}`);
    }
  }
  return statements;
}
