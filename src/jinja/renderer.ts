import { createHash } from 'node:crypto';
import nunjucks from 'nunjucks';
import { ProjectError } from '../errors';
import { compileJinja, createJinjaEnvironment, jinjaTemplate, macroLocationOf, wrapMacro } from './compat';
import { extractBlocks, type ExtractedBlocks } from './blocks';
import { QueryNeeded, type RenderScope } from './scope';
import { scanStaticTemplate, type StaticRoot } from './static-template';
import type { TemplateCaches } from './template-cache';
import { BUILTIN_FILE_PREFIX } from './builtin-macros';

interface MacroAwareGlobals {
  __macroNames?: Set<string>;
}

/**
 * Where a macro file's macros can be called without their package prefix: everywhere (built-ins, the root project),
 * only where no other macro has the name (installed packages, so that their own unprefixed calls resolve), or nowhere.
 */
export type MacroVisibility = 'global' | 'global-unless-taken' | 'namespaced';

export interface RegisteredMacro {
  name: string;
  packageName: string;
  file: string;
  line: number;
  /** The macro's own text, `{% macro ... %}` to `{% endmacro %}` (compared by `state:modified.macros`). */
  sql: string;
}

class RenderAborted extends Error {}

/** One nunjucks environment for the whole invocation: macros registered once, templates compiled once. */
export class TemplateRenderer {
  readonly env: nunjucks.Environment;
  /** Compiled templates by file, then by source text (the same string object at parse and compile time). */
  private readonly templates = new Map<string, Map<string, nunjucks.Template>>();
  /** Scanned sources: the interpreter's root function of a static template (see static-template.ts), or null. */
  private readonly staticRoots = new Map<string, StaticRoot | null>();
  /** TSDBT_STATIC_TEMPLATES=off compiles every template, to compare the two paths. */
  private readonly staticPath = process.env.TSDBT_STATIC_TEMPLATES !== 'off';
  private readonly globals: Record<string, unknown> & MacroAwareGlobals;
  private readonly namespaces = new Map<string, Record<string, unknown>>();
  private currentScope: RenderScope | null = null;
  /** Unique ids of the macros being called, outermost first (`context_macro_stack`). */
  readonly macroStack: string[] = [];
  private pendingQuery: string | null = null;
  /** Compiled templates on disk: macro files (always loaded) apart from node templates (loaded on a miss). */
  private caches?: TemplateCaches;

  constructor() {
    this.env = createJinjaEnvironment();
    // In dev mode nunjucks keeps the original error as `cause` and its line number; tsdbt never prints its stacks.
    (this.env as unknown as { opts: { dev: boolean } }).opts.dev = true;
    this.globals = (this.env as unknown as { globals: Record<string, unknown> & MacroAwareGlobals }).globals;
    this.globals.__macroNames = new Set();
  }

  get scope(): RenderScope {
    if (!this.currentScope) throw new Error('a dbt context function was called outside of a render');
    return this.currentScope;
  }

  /** Adds a name every template sees; `get` is re-evaluated on each lookup (for per-render values). */
  defineGlobal(name: string, value: unknown, dynamic = false): void {
    if (dynamic) Object.defineProperty(this.globals, name, { get: value as () => unknown, enumerable: true, configurable: true });
    else this.globals[name] = value;
  }

  globalValue(name: string): unknown {
    return this.globals[name];
  }

  /** `dbt.foo`, `dbt_utils.bar`, `<project>.baz`: package namespaces of macros. */
  namespace(packageName: string): Record<string, unknown> {
    let ns = this.namespaces.get(packageName);
    if (!ns) {
      ns = {};
      this.namespaces.set(packageName, ns);
      if (!(packageName in this.globals) || this.globals.__macroNames?.has(packageName) === false) this.globals[packageName] = ns;
    }
    return ns;
  }

  lookupMacro(packageName: string, name: string): ((...args: unknown[]) => unknown) | undefined {
    return this.namespaces.get(packageName)?.[name] as ((...args: unknown[]) => unknown) | undefined;
  }

  hasGlobalMacro(name: string): boolean {
    return !!this.globals.__macroNames?.has(name);
  }

  /**
   * Registers every macro of a macro file under its package namespace and, when `global`, as a global name
   * (later registrations win: register built-ins first, then packages, then the root project).
   */
  registerMacroFile(source: string, file: string, packageName: string, global: MacroVisibility): { macros: RegisteredMacro[]; blocks: ExtractedBlocks } {
    const blocks = extractBlocks(source);
    const template = this.compile(blocks.template, file, 'macros');
    let exported: Record<string, unknown> = {};
    try {
      (template as unknown as { getExported(ctx: object, cb: (err: Error | null, out: Record<string, unknown>) => void): void }).getExported({}, (err, out) => {
        if (err) throw err;
        exported = out;
      });
    } catch (error) {
      throw this.toProjectError(error, file);
    }
    const ns = this.namespace(packageName);
    const macros: RegisteredMacro[] = [];
    const lines = macroLines(blocks.template);
    const sources = macroSources(blocks.template);
    for (const [name, macro] of Object.entries(exported)) {
      if (typeof macro !== 'function') continue;
      const wrapped = this.recordingCalls(`macro.${packageName}.${name}`, wrapMacro(macro as (...args: unknown[]) => unknown));
      ns[name] = wrapped;
      // An installed package's macro is global only under a name nothing else has: not another macro, and not a member
      // of dbt's context (`model`, `ref`, `this`), which in dbt only the root project's macros may replace.
      if (global === 'global' || (global === 'global-unless-taken' && !(name in this.globals))) {
        Object.defineProperty(this.globals, name, { value: wrapped, writable: true, enumerable: true, configurable: true });
        this.globals.__macroNames!.add(name);
      }
      macros.push({ name, packageName, file, line: lines.get(name) ?? 1, sql: sources.get(name) ?? '' });
    }
    return { macros, blocks };
  }

  /** Tells the current render's scope which macros it called, for the node's depends_on.macros. */
  private recordingCalls(uniqueId: string, macro: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    const scope = () => this.currentScope;
    const stack = this.macroStack;
    return function callRecorded(this: unknown, ...args: unknown[]): unknown {
      scope()?.usedMacro?.(uniqueId);
      stack.push(uniqueId);
      try {
        return macro.apply(this, args);
      } finally {
        stack.pop();
      }
    };
  }

  compile(source: string, file: string, kind: 'macros' | 'nodes' = 'nodes'): nunjucks.Template {
    let inFile = this.templates.get(file);
    if (!inFile) this.templates.set(file, (inFile = new Map()));
    let template = inFile.get(source);
    if (!template) {
      const root = kind === 'nodes' ? this.staticRoot(source) : null;
      if (root) {
        // nunjucks accepts precompiled code as { type: 'code', obj } (its typings only list strings).
        template = new nunjucks.Template({ type: 'code', obj: root } as unknown as string, this.env, file, true);
      } else {
        const key = file + '\0' + createHash('sha1').update(source).digest('base64');
        try {
          template = jinjaTemplate(this.env, source, file, this.compiledCode(key, source, file, kind));
        } catch (error) {
          throw this.toProjectError(error, file, { compileTime: true, lineCount: source.trimEnd().split('\n').length });
        }
      }
      inFile.set(source, template);
    }
    return template;
  }

  /**
   * True when the template is only text and calls with literal arguments: rendering it costs less than looking up a
   * stored result of rendering it.
   */
  isStatic(source: string): boolean {
    return this.staticRoot(source) !== null;
  }

  /** Scans a template once; a template that is not static is compiled only when it is rendered. */
  private staticRoot(source: string): StaticRoot | null {
    if (!this.staticPath) return null;
    let root = this.staticRoots.get(source);
    if (root === undefined) {
      root = scanStaticTemplate(source);
      this.staticRoots.set(source, root);
    }
    return root;
  }

  /** Keeps compiled templates on disk from now on (see TemplateCache); `saveCache` writes what was added. */
  useCache(caches: TemplateCaches): void {
    this.caches = caches;
  }

  saveCache(): void {
    this.caches?.macros.save();
    this.caches?.nodes.save();
    try {
      this.caches?.builtins.save();
    } catch {
      // Where tsdbt is installed read-only, its own macros are compiled again on each first parse.
    }
  }

  /** A template's compiled form, generated JavaScript, taken from the cache when this text was seen before. */
  private compiledCode(key: string, source: string, file: string, kind: 'macros' | 'nodes'): string {
    const cache = file.startsWith(BUILTIN_FILE_PREFIX) ? this.caches?.builtins : this.caches?.[kind];
    let code = cache?.get(key);
    if (code === undefined) {
      code = compileJinja(source, this.env as never, file);
      cache?.set(key, code);
    }
    return code;
  }

  /**
   * Renders synchronously with `scope` as the current node. Throws QueryNeeded when the template needs a query answered
   * first (see RenderScope.runQuery), ProjectError for template errors.
   */
  render(source: string, file: string, scope: RenderScope, context: Record<string, unknown> = {}): string {
    const template = this.compile(source, file);
    return this.withScope(scope, () => {
      try {
        return template.render(context);
      } catch (error) {
        throw this.translate(error, file);
      }
    });
  }

  /**
   * Jinja2's native rendering, as dbt renders test arguments: a template that is one `{{ expression }}` gives the
   * expression's value itself (a Relation, a list); anything else renders to text.
   */
  renderNative(source: string, file: string, scope: RenderScope): unknown {
    const single = /^\s*\{\{-?([\s\S]*?)-?\}\}\s*$/.exec(source);
    if (!single || single[1].includes('{{') || single[1].includes('}}')) return this.render(source, file, scope);
    let captured: unknown;
    this.globals.__tsdbt_native = (value: unknown) => {
      captured = value;
      return '';
    };
    this.render(`{{ __tsdbt_native(${single[1]}) }}`, file, scope);
    return captured;
  }

  /** Calls a macro with the given scope as current node (generic tests, materialization helpers). */
  callMacro(fn: (...args: unknown[]) => unknown, args: unknown[], scope: RenderScope, file: string): unknown {
    return this.withScope(scope, () => {
      try {
        return fn(...args);
      } catch (error) {
        throw this.translate(error, file);
      }
    });
  }

  /** Called by run_query/statement when the answer is unknown: stops the render so the caller can run the query. */
  abortForQuery(sql: string): never {
    this.pendingQuery = sql;
    throw new RenderAborted('query needed');
  }

  private withScope<T>(scope: RenderScope, fn: () => T): T {
    const previous = this.currentScope;
    this.currentScope = scope;
    this.pendingQuery = null;
    try {
      return fn();
    } finally {
      this.currentScope = previous;
    }
  }

  private translate(error: unknown, file: string): Error {
    if (this.pendingQuery !== null) {
      const sql = this.pendingQuery;
      this.pendingQuery = null;
      return new QueryNeeded(sql, macroLocationOf(error));
    }
    return this.toProjectError(error, file);
  }

  /** `compileTime`: nunjucks numbers lines from 1 in syntax errors but from 0 in render errors. */
  toProjectError(error: unknown, file: string, at: { compileTime?: boolean; lineCount?: number } = {}): Error {
    // A query asked for inside a nested render (render() of a model's code) is the outer render's question too.
    const asked = causeOf(error, QueryNeeded);
    if (asked) return asked;
    // An error inside a macro of another file is reported where it happened, naming the node that called it.
    const inMacro = macroLocationOf(error);
    const where = inMacro && inMacro.file !== file && !inMacro.file.startsWith('<') ? inMacro : undefined;
    const line = lineOf(error, !!at.compileTime, at.lineCount);
    const calledBy = where ? ` (in a macro called by ${file}${line ? `:${line}` : ''})` : '';
    if (error instanceof ProjectError) {
      return where && !error.location?.line ? new ProjectError(error.message + calledBy, where, error.hint) : error;
    }
    const inner = causeOf(error, ProjectError);
    if (inner) {
      if (inner.location?.line) return inner;
      return new ProjectError(inner.message + calledBy, where ?? { file: inner.location?.file ?? file, line }, inner.hint);
    }
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw
      .replace(/^\(.*?\)\s*/s, '')
      .replace(/\[Line \d+, Column \d+\]\s*/g, '')
      .replace(/^(Template render error|Error):\s*/gm, '')
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    // A macro called directly (a materialization) has no template line of its own: its body's line is the place.
    const inFile = line === undefined && inMacro?.file === file ? inMacro.line : line;
    return new ProjectError(`Jinja error: ${message}${calledBy}`, where ?? { file, line: inFile }, hintFor(message));
  }
}

/** `error` or the first of its causes (nunjucks wraps what a template's call threw) that is a `kind`. */
function causeOf<T>(error: unknown, kind: abstract new (...args: never[]) => T): T | undefined {
  let current = error as { cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof kind) return current;
    current = current.cause as typeof current;
  }
  return undefined;
}

function lineOf(error: unknown, compileTime: boolean, lineCount: number | undefined): number | undefined {
  const e = error as { lineno?: number; message?: string };
  if (typeof e?.lineno === 'number') return compileTime ? Math.max(e.lineno, 1) : e.lineno + 1;
  // A block left open is only noticed at the end of the file.
  if (compileTime && /end of file/.test(e?.message ?? '')) return lineCount;
  return undefined;
}

function hintFor(message: string): string {
  if (/Unable to call `([^`]+)`, which is undefined/.test(message)) {
    const name = /Unable to call `([^`]+)`/.exec(message)![1];
    return `'${name}' is not a macro or function known to tsdbt: define it in a .sql file under macro-paths, or check its spelling`;
  }
  if (/expected|unexpected|unknown block tag/i.test(message)) return 'check the Jinja tags and expressions near that line ({{ }}, {% %}, matching end tags)';
  return 'check the Jinja near that line';
}

/** The line each `{% macro name(` of a file starts on, in one pass. */
function macroLines(template: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let position = 0;
  for (const match of template.matchAll(/{%-?\s*macro\s+(\w+)\s*\(/g)) {
    for (let i = template.indexOf('\n', position); i !== -1 && i < match.index!; i = template.indexOf('\n', i + 1)) line++;
    position = match.index!;
    if (!lines.has(match[1])) lines.set(match[1], line);
  }
  return lines;
}

/** The text of each macro of a file, `{% macro name(` to the next `{% endmacro %}`, in one pass. */
function macroSources(template: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const match of template.matchAll(/{%-?\s*macro\s+(\w+)\s*\(/g)) {
    const end = /{%-?\s*endmacro\b[^%]*%}/g;
    end.lastIndex = match.index!;
    const close = end.exec(template);
    if (!sources.has(match[1])) sources.set(match[1], template.slice(match.index!, close ? close.index + close[0].length : undefined));
  }
  return sources;
}

export { RenderAborted };
