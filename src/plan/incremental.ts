import type { ColumnInfo, Dialect, Relation } from '../adapters/adapter';
import { ProjectError } from '../errors';
import type { NodeConfig } from '../project/types';
import { microbatchStatements, type Batch } from './microbatch';

export type IncrementalStrategy = 'append' | 'delete+insert' | 'merge' | 'microbatch';

const STRATEGIES: readonly IncrementalStrategy[] = ['append', 'delete+insert', 'merge', 'microbatch'];

export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';

/** Which node is planned, for the errors the plan raises. */
export interface PlannedNode {
  name: string;
  file: string;
}

/** The strategy and key an incremental model's config asks for, checked. */
export function incrementalStrategy(config: NodeConfig, node: PlannedNode): { strategy: IncrementalStrategy; uniqueKey: string[] } {
  const uniqueKey = keyList(config.unique_key);
  const strategy = (config.incremental_strategy as IncrementalStrategy | undefined) ?? (uniqueKey.length ? 'delete+insert' : 'append');
  if (!STRATEGIES.includes(strategy)) {
    throw new ProjectError(`unknown incremental_strategy '${strategy}'`, { file: node.file }, 'use append, delete+insert, merge or microbatch');
  }
  if (strategy !== 'append' && strategy !== 'microbatch' && uniqueKey.length === 0) {
    throw new ProjectError(`incremental_strategy '${strategy}' needs a unique_key`, { file: node.file }, 'set unique_key (a column or a list of columns)');
  }
  return { strategy, uniqueKey };
}

export interface IncrementalInputs {
  node: PlannedNode;
  config: NodeConfig;
  /** Columns of the existing table. */
  targetColumns: ColumnInfo[];
  /** Columns of the new rows, staged in `staging`. */
  newColumns: ColumnInfo[];
  /** The microbatch strategy's batch and the model's event time column. */
  batch?: { batch: Batch; eventTime: string };
}

/**
 * Statements that bring an existing incremental table up to date from the new rows in `staging`: schema changes
 * per `on_schema_change`, the strategy's insert/delete/merge, then the staging table dropped.
 */
export function incrementalStatements(dialect: Dialect, target: Relation, staging: Relation, inputs: IncrementalInputs): string[] {
  const { strategy, uniqueKey } = incrementalStrategy(inputs.config, inputs.node);
  const known = new Set(inputs.targetColumns.map((c) => c.name.toLowerCase()));
  const newNames = new Set(inputs.newColumns.map((c) => c.name.toLowerCase()));
  const added = inputs.newColumns.filter((c) => !known.has(c.name.toLowerCase()));
  const removed = inputs.targetColumns.filter((c) => !newNames.has(c.name.toLowerCase()));
  const onSchemaChange = String(inputs.config.on_schema_change ?? 'ignore') as OnSchemaChange;
  if ((added.length || removed.length) && onSchemaChange === 'fail') {
    throw new ProjectError(
      `the columns of incremental model '${inputs.node.name}' changed (added: ${names(added) || 'none'}; removed: ${names(removed) || 'none'}) and on_schema_change is 'fail'`,
      { file: inputs.node.file },
      'run with --full-refresh, or set on_schema_change to append_new_columns or sync_all_columns',
    );
  }
  const rel = dialect.renderRelation(target);
  const evolves = onSchemaChange === 'append_new_columns' || onSchemaChange === 'sync_all_columns';
  const statements: string[] = [];
  if (evolves) for (const column of added) statements.push(`alter table ${rel} add column ${dialect.quote(column.name)} ${column.dataType}`);
  if (onSchemaChange === 'sync_all_columns') for (const column of removed) statements.push(`alter table ${rel} drop column ${dialect.quote(column.name)}`);
  // Without schema evolution, new columns the table lacks are left out of the insert.
  const columns = (evolves ? inputs.newColumns : inputs.newColumns.filter((c) => known.has(c.name.toLowerCase()))).map((c) => c.name);
  if (strategy === 'microbatch') {
    if (!inputs.batch) throw new ProjectError(`microbatch model '${inputs.node.name}' can only be built batch by batch`, { file: inputs.node.file });
    return [...statements, ...microbatchStatements(dialect, target, staging, inputs.batch.eventTime, inputs.batch.batch, columns)];
  }
  statements.push(...applyIncremental(dialect, target, staging, strategy, uniqueKey, columns));
  statements.push(dialect.drop(staging, 'table'));
  return statements;
}

function applyIncremental(
  dialect: Dialect,
  target: Relation,
  staging: Relation,
  strategy: Exclude<IncrementalStrategy, 'microbatch'>,
  uniqueKey: string[],
  columns: string[],
): string[] {
  const source = `select * from ${dialect.renderRelation(staging)}`;
  switch (strategy) {
    case 'append':
      return [dialect.insertInto(target, source, columns)];
    case 'delete+insert':
      return [dialect.deleteWhereKeysIn(target, source, uniqueKey), dialect.insertInto(target, source, columns)];
    case 'merge':
      return [dialect.mergeInto(target, source, { uniqueKey, columns })];
  }
}

function names(columns: ColumnInfo[]): string {
  return columns.map((c) => c.name).join(', ');
}

function keyList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
