import { QueryAnswers } from '../jinja/query-answers';
import type { Dialect, QueryResult } from '../adapters/adapter';
import { hooksOf } from '../compile/compiler';
import { CompileScope, type CompileFlags } from '../compile/compile-scope';
import { toQueryTable, type QueryTable } from '../jinja/query-table';
import { warehouseRelation } from '../jinja/materialization-context';
import type { Relation } from '../jinja/relation';
import type { ClockReadings } from '../jinja/clock-readings';
import type { MaterializationRuntime } from '../jinja/scope';
import type { Manifest } from '../parse/manifest';
import { nodeDict } from '../parse/node-dict';
import { columnCommentStatements, persistsColumnDocs, relationCommentStatements } from '../plan/persist-docs';
import type { Node, NodeConfig } from '../project/types';

/** What a materialization asks of the warehouse, in the order it asks. */
export type WarehouseStep = { kind: 'query'; sql: string; autoBegin: boolean; name?: string } | { kind: 'commit' };

export interface JournalEntry {
  step: WarehouseStep;
  result: QueryResult;
}

/**
 * The scope a `{% materialization %}` body runs in. Rendering is synchronous and the warehouse is not, so the body is
 * rendered again after each step it asks for, as the compiler does for queries; unlike a model's queries, a
 * materialization's steps have effects (DDL, commits) and may repeat the same SQL, so they are answered by their
 * position in `journal`, the steps run so far, never run twice. A step not yet in the journal stops the render
 * with `pending` set for the runner to execute.
 */
export class MaterializationScope extends CompileScope implements MaterializationRuntime {
  pending?: WarehouseStep;
  private position = 0;
  private compiledModel?: Record<string, unknown>;
  readonly materialization = this;
  readonly preHooks: { sql: string; transaction: boolean }[];
  readonly postHooks: { sql: string; transaction: boolean }[];

  constructor(
    manifest: Manifest,
    node: Node,
    flags: CompileFlags,
    config: NodeConfig,
    readonly compiledCode: string,
    private readonly journal: JournalEntry[],
    private readonly warehouseDialect: Dialect,
    abortForQuery: (sql: string) => never,
    logsShown: number,
    clock: ClockReadings,
  ) {
    super(manifest, node, flags, new QueryAnswers(), abortForQuery, logsShown, clock);
    this.config = config;
    this.preHooks = hooksOf(config, 'pre-hook');
    this.postHooks = hooksOf(config, 'post-hook');
  }

  /** The node as dbt's materialization context shows it: compiled, with its `compiled_code`. */
  override get model(): Record<string, unknown> {
    this.compiledModel ??= nodeDict(this.node, { config: this.config, compiledCode: this.compiledCode });
    return this.compiledModel;
  }

  override runQuery(sql: string, options: { autoBegin?: boolean; name?: string } = {}): QueryTable {
    this.volatile = true;
    return toQueryTable(this.step({ kind: 'query', sql, autoBegin: options.autoBegin ?? false, name: options.name }));
  }

  commit(): void {
    this.step({ kind: 'commit' });
  }

  persistDocsStatements(relation: Relation, forRelation: boolean, forColumns: boolean): string[] {
    const target = warehouseRelation(relation);
    const dialect = this.warehouseDialect;
    const statements = forRelation ? relationCommentStatements(dialect, this.node, this.config, target, relation.type === 'view' ? 'view' : 'table') : [];
    if (forColumns && persistsColumnDocs(this.node, this.config)) {
      const existing = this.runQuery(dialect.columnsSql(target)).map((row) => String(row[0]));
      statements.push(...columnCommentStatements(dialect, this.node, target, existing));
    }
    return statements;
  }

  private step(step: WarehouseStep): QueryResult {
    const done = this.journal[this.position];
    if (done) {
      this.position++;
      return done.result;
    }
    this.pending = step;
    return this.abortForQuery(step.kind === 'query' ? step.sql : 'commit');
  }
}
