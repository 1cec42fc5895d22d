import type { Relation } from './relation';
import type { QueryTable } from './query-table';

/**
 * What changes from one render to the next: nunjucks resolves names where a macro was defined, so per-node values
 * (`this`, `ref`, `config`, `execute`) are read from the renderer's current scope rather than the render context.
 */
export interface RenderScope {
  file: string;
  execute: boolean;
  ref(name: string, packageOrVersion?: unknown, version?: unknown): Relation;
  source(sourceName: string, tableName: string): Relation;
  /** `config(...)` in a template. */
  setConfig(values: Record<string, unknown>): void;
  getConfig(key: string): unknown;
  thisRelation: Relation | null;
  model: Record<string, unknown> | null;
  isIncremental(): boolean;
  /** Answers a query at render time; null while parsing. Throws QueryNeeded when the answer is not known yet. */
  runQuery(sql: string): QueryTable | null;
  /** Records that a template called a macro (for depends_on.macros). */
  usedMacro?(name: string): void;
  /** Records that the output depends on more than the template and its inputs (environment, time, the graph). */
  noteVolatile?(): void;
  /** True for a log line an earlier pass of the same render already printed (a render re-run after a query). */
  replaysLog?(): boolean;
}

/**
 * Thrown out of a synchronous render when a template asks the database something not yet answered. The caller runs the
 * query, stores the answer in the scope and renders again: correct output at any macro depth, at the cost of one
 * extra render per distinct query.
 */
export class QueryNeeded extends Error {
  constructor(readonly sql: string) {
    super('a query is needed to render this template');
  }
}
