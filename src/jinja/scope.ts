import type { Relation } from './relation';
import type { QueryTable } from './query-table';
import type { PyDateTime } from './python-datetime';

/**
 * What changes from one render to the next: nunjucks resolves names where a macro was defined, so per-node values
 * (`this`, `ref`, `config`, `execute`) are read from the renderer's current scope rather than the render context.
 */
export interface RenderScope {
  file: string;
  execute: boolean;
  /** The package of the node being rendered (var() reads that package's vars); the root project when absent. */
  packageName?: string;
  ref(name: string, packageOrVersion?: unknown, version?: unknown): Relation;
  source(sourceName: string, tableName: string): Relation;
  /** `config(...)` in a template. */
  setConfig(values: Record<string, unknown>): void;
  getConfig(key: string): unknown;
  thisRelation: Relation | null;
  model: Record<string, unknown> | null;
  isIncremental(): boolean;
  /**
   * Answers a query at render time; null while parsing. Throws QueryNeeded when the answer is not known yet.
   * `autoBegin`: a statement that opens the node's transaction when none is open (dbt's `statement(auto_begin=...)`);
   * `name`: the statement's name (`main` is the node's own, the one written to target/run).
   */
  runQuery(sql: string, options?: { autoBegin?: boolean; name?: string }): QueryTable | null;
  /** Records that a template called a macro (for depends_on.macros). */
  usedMacro?(name: string): void;
  /** Records that the output depends on more than the template and its inputs (environment, time, the graph). */
  noteVolatile?(): void;
  /** The current time for `modules.datetime`: a pass re-run after a query reads the times the earlier passes read. */
  now?(): PyDateTime;
  /** True for a log line an earlier pass of the same render already printed (a render re-run after a query). */
  replaysLog?(): boolean;
  /** Called before a render prints anything (log, print, warnings); may stop a render that must not print yet. */
  beforeOutput?(): void;
  /** Set while a `{% materialization %}` block builds the node. */
  materialization?: MaterializationRuntime;
}

/** What a materialization's body reaches beyond a model's render: its SQL, its hooks, the node's transaction. */
export interface MaterializationRuntime {
  /** The node's compiled SQL (`sql`, `compiled_code`). */
  compiledCode: string;
  /** `pre_hooks` / `post_hooks`: each hook's template and whether it runs inside the transaction. */
  preHooks: { sql: string; transaction: boolean }[];
  postHooks: { sql: string; transaction: boolean }[];
  /** `adapter.commit()`: commits the node's transaction if one is open. */
  commit(): void;
  /** `persist_docs(relation, model, ...)`: the comment statements the node's `persist_docs` config asks for. */
  persistDocsStatements(relation: Relation, forRelation: boolean, forColumns: boolean): string[];
}

/**
 * Thrown out of a synchronous render when a template asks the database something not yet answered. The caller runs the
 * query, stores the answer in the scope and renders again: correct output at any macro depth, at the cost of one
 * extra render per distinct query.
 */
export class QueryNeeded extends Error {
  constructor(
    readonly sql: string,
    /** The innermost project or package macro that asked, when known: where a failure of the query is reported. */
    readonly location?: { file: string; line: number },
  ) {
    super('a query is needed to render this template');
  }
}
