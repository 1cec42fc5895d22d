import type { QueryResult } from '../adapters/adapter';
import { ProjectError } from '../errors';
import { ClockReadings } from '../jinja/clock-readings';
import { QueryAnswers } from '../jinja/query-answers';
import { QueryNeeded } from '../jinja/scope';
import { Relation } from '../jinja/relation';
import type { Manifest } from '../parse/manifest';
import type { ParsedProject } from '../parse/parsed-project';
import type { RenderCache } from '../parse/render-cache';
import { isJinjaExpressionArg } from '../parse/generic-tests';
import { coerceRendered } from '../project/config';
import { isPlainObject } from '../project/yaml-file';
import type { Node, NodeConfig } from '../project/types';
import { CompileScope, type BatchRender, type CompileFlags } from './compile-scope';
import { injectCtes } from './ctes';

export interface CompiledNode {
  node: Node;
  /** SQL with ephemeral models injected as CTEs. */
  sql: string;
  /** The config after `config()` calls made while rendering with `execute` true. */
  config: NodeConfig;
}

/** Which of a node's hooks: `pre-hook` or `post-hook`. */
export type HookKey = 'pre-hook' | 'post-hook';

/** One configured hook: its template and whether it runs inside the node's transaction (dbt's default). */
export interface Hook {
  sql: string;
  transaction: boolean;
}

/** Runs a query for a render; opened lazily so that compiling needs no database unless a template asks one. */
export type QueryRunner = (sql: string) => Promise<QueryResult>;

/** Renders nodes with `execute` true: refs resolved, ephemeral models injected, queries answered. */
interface Rendered {
  sql: string;
  config: NodeConfig;
  ephemeralRefs: Set<string>;
}

export class Compiler {
  private readonly ephemerals = new Map<string, Promise<{ sql: string; ctes: string[] }>>();
  /** The ephemeral models compiled so far: CTEs made of them need no wait. */
  private readonly ephemeralsDone = new Map<string, { sql: string; ctes: string[] }>();
  /**
   * Nodes compiled ahead of their turn (see prepare), or only rendered when an ephemeral model they read was not
   * compiled yet; undefined where the render had to wait for its turn.
   */
  private readonly prepared = new Map<string, Promise<CompiledNode | Rendered | undefined>>();
  private readonly manifest: Manifest;

  constructor(
    readonly project: ParsedProject,
    readonly flags: CompileFlags,
    private readonly runQuery: QueryRunner,
    private readonly cache?: RenderCache,
  ) {
    this.manifest = project.manifest;
  }

  /** With `batch`, one batch of a microbatch model: its refs filtered to the batch's window, never cached. */
  async compile(node: Node, batch?: BatchRender): Promise<CompiledNode> {
    // Python is not a template: dbt compiles it to itself (plus its own runtime, which tsdbt has not).
    if (node.language === 'python') return { node, sql: node.rawCode, config: node.config };
    const ahead = batch ? undefined : await this.takePrepared(node);
    if (ahead && 'node' in ahead) return ahead;
    const rendered = ahead ?? (batch ? await this.renderNow(node, batch) : await this.render(node));
    const ctes = await this.ctesFor(rendered.ephemeralRefs);
    return { node, sql: injectCtes(rendered.sql, ctes), config: rendered.config };
  }

  /**
   * Renders a node before its turn, while the warehouse works on another, so that its turn starts with its SQL ready.
   * Only a render that needs nothing but the project is kept: one that would query the database, read the clock or
   * print stops there and renders again in its turn, so that those happen when they would have without it. (What a
   * render reads otherwise, the parse, vars and the environment, does not change while a run goes on.)
   */
  prepare(node: Node): void {
    if (this.prepared.has(node.uniqueId) || node.language === 'python') return;
    const ahead = this.render(node, true).then(
      (rendered) => {
        const ctes = this.ctesNow(rendered.ephemeralRefs);
        return ctes ? { node, sql: injectCtes(rendered.sql, ctes), config: rendered.config } : rendered;
      },
      () => undefined,
    );
    this.prepared.set(node.uniqueId, ahead);
  }

  private async takePrepared(node: Node): Promise<CompiledNode | Rendered | undefined> {
    const ahead = this.prepared.get(node.uniqueId);
    if (!ahead) return undefined;
    this.prepared.delete(node.uniqueId);
    return ahead;
  }

  /**
   * Renders one of a node's hooks when it is about to run, as dbt's materializations do: in the node's scope (`this`,
   * `model`, the config its own config() calls left), with its queries answered by `query`, the connection the node
   * builds on, so that a post-hook sees the relation just built.
   */
  async renderHook(node: Node, config: NodeConfig, hook: Hook, query: QueryRunner): Promise<string> {
    const { result } = await this.withAnswers(
      node,
      (scope) => {
        scope.config = config;
        return this.project.renderer.render(hook.sql, node.originalFilePath, scope);
      },
      query,
    );
    return result.trim();
  }

  /** Ephemeral ancestors reached through `refs`, parents first, each once, as `name as (sql)` pairs. */
  private async ctesFor(refs: Set<string>): Promise<{ name: string; sql: string }[]> {
    for (;;) {
      const found = this.ephemeralsReached(refs);
      if (typeof found !== 'string') return found;
      await this.compileEphemeral(found);
    }
  }

  /** ctesFor's answer when every ephemeral model `refs` reach is compiled already. */
  private ctesNow(refs: Set<string>): { name: string; sql: string }[] | undefined {
    const found = refs.size === 0 ? [] : this.ephemeralsReached(refs);
    return typeof found === 'string' ? undefined : found;
  }

  /** The CTEs of the ephemeral models `refs` reach, or the first of them not compiled yet. */
  private ephemeralsReached(refs: Set<string>): { name: string; sql: string }[] | string {
    const ordered: string[] = [];
    const visit = (id: string): string | undefined => {
      if (ordered.includes(id)) return undefined;
      const compiled = this.ephemeralsDone.get(id);
      if (!compiled) return id;
      for (const parent of compiled.ctes) {
        const missing = visit(parent);
        if (missing !== undefined) return missing;
      }
      if (!ordered.includes(id)) ordered.push(id);
      return undefined;
    };
    for (const id of refs) {
      const missing = visit(id);
      if (missing !== undefined) return missing;
    }
    return ordered.map((id) => ({ name: `__dbt__cte__${this.manifest.nodes.get(id)!.name}`, sql: this.ephemeralsDone.get(id)!.sql }));
  }

  private compileEphemeral(id: string): Promise<{ sql: string; ctes: string[] }> {
    let pending = this.ephemerals.get(id);
    if (!pending) {
      pending = this.render(this.manifest.nodes.get(id)!).then((r) => {
        const compiled = { sql: r.sql, ctes: [...r.ephemeralRefs] };
        this.ephemeralsDone.set(id, compiled);
        return compiled;
      });
      this.ephemerals.set(id, pending);
    }
    return pending;
  }

  private async render(node: Node, ahead = false): Promise<Rendered> {
    // Deferred refs depend on the state manifest, which the cache key does not cover; a static template renders
    // faster than its cache key is computed.
    const cache = this.flags.defer || (!node.testMetadata && this.project.renderer.isStatic(node.rawCode)) ? undefined : this.cache;
    const flags = `${this.flags.fullRefresh}:${this.flags.empty}`;
    const entry = cache?.compileEntry(node, flags);
    const cached = entry?.record;
    if (cached) return { ...cached, ephemeralRefs: new Set(cached.ephemeralRefs) };
    const { volatile, ...rendered } = await this.renderNow(node, undefined, ahead);
    if (!volatile) entry?.store({ ...rendered, ephemeralRefs: [...rendered.ephemeralRefs] });
    return rendered;
  }

  private async renderNow(node: Node, batch?: BatchRender, ahead = false): Promise<Rendered & { volatile: boolean }> {
    const { result: sql, scope } = await this.withAnswers(
      node,
      (scope) => {
        scope.batch = batch;
        scope.ahead = ahead;
        return node.testMetadata ? this.renderGenericTest(node, scope) : this.project.renderer.render(node.rawCode, node.originalFilePath, scope);
      },
      this.runQuery,
    );
    return { sql, config: scope.config, ephemeralRefs: scope.ephemeralRefs, volatile: scope.volatile };
  }

  /** Renders until no query is missing: each pass that asks an unanswered query stops, the query runs, and it starts again. */
  private async withAnswers<T>(node: Node, render: (scope: CompileScope) => T, query: QueryRunner): Promise<{ result: T; scope: CompileScope }> {
    const renderer = this.project.renderer;
    const answers = new QueryAnswers();
    const clock = new ClockReadings();
    let logsShown = 0;
    for (;;) {
      const scope = new CompileScope(this.manifest, node, this.flags, answers, (sql) => renderer.abortForQuery(sql), logsShown, clock);
      try {
        return { result: render(scope), scope };
      } catch (error) {
        if (!(error instanceof QueryNeeded)) throw error;
        logsShown = Math.max(logsShown, scope.logCalls);
        answers.add(error.sql, await query(error.sql));
      }
    }
  }

  /** A generic test is its macro called with the YAML arguments; `model` is the tested relation (filtered by `where`). */
  private renderGenericTest(node: Node, scope: CompileScope): string {
    const renderer = this.project.renderer;
    const meta = node.testMetadata!;
    const macro = meta.namespace
      ? renderer.lookupMacro(meta.namespace, `test_${meta.name}`)
      : (renderer.env.getGlobal(`test_${meta.name}`) as (...a: unknown[]) => unknown);
    if (!macro) throw new ProjectError(`generic test '${meta.name}' is not defined`, { file: node.originalFilePath });
    const kwargs: Record<string, unknown> = { __keywords: true };
    for (const [key, value] of Object.entries(meta.kwargs)) {
      kwargs[key] = key === 'column_name' ? value : renderTestArgument(value, (text) => renderer.renderNative(text, node.originalFilePath, scope));
    }
    kwargs.model = this.testedRelation(node, scope);
    const output = renderer.callMacro(macro, [kwargs], scope, node.originalFilePath);
    return String(output);
  }

  private testedRelation(node: Node, scope: CompileScope): Relation | string {
    const attached = this.manifest.nodes.get(node.attachedNode!);
    const source = this.manifest.sources.get(node.attachedNode!);
    const relation = attached ? scope.ref(attached.name, undefined, attached.version) : scope.source(source!.sourceName, source!.name);
    const where = scope.getConfig('where');
    return where ? `(select * from ${relation} where ${where}) dbt_subquery` : relation;
  }
}

/**
 * As dbt renders a generic test's arguments when the test compiles: every string, in lists and dicts too, with a
 * bare `ref(...)`, `source(...)`, `var(...)`, `env_var(...)` or `doc(...)` taken as an expression, natively: a
 * single expression gives its value (a Relation for `ref`), and numbers and booleans come back as such.
 */
function renderTestArgument(value: unknown, render: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => renderTestArgument(item, render));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderTestArgument(v, render)]));
  if (typeof value !== 'string') return value;
  const text = isJinjaExpressionArg(value) ? `{{ ${value} }}` : value;
  if (!text.includes('{{') && !text.includes('{%')) return value;
  const rendered = render(text);
  if (typeof rendered !== 'string') return rendered;
  if (/^-?\d+(\.\d+)?$/.test(rendered.trim())) return Number(rendered);
  const literal = coerceRendered(rendered);
  return typeof literal === 'string' ? rendered : literal;
}

/** A node's hooks as configured: a string, a `{ sql, transaction }` object, or a list of either. */
export function hooksOf(config: NodeConfig, key: HookKey): Hook[] {
  const value = config[key];
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return list.map((hook) => {
    if (typeof hook !== 'object' || hook === null) return { sql: String(hook), transaction: true };
    const { sql, transaction } = hook as { sql?: unknown; transaction?: unknown };
    return { sql: String(sql ?? ''), transaction: transaction !== false };
  });
}
