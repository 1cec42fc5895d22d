import { QueryAnswers } from '../jinja/query-answers';
import type { QueryResult } from '../adapters/adapter';
import { CompileScope } from '../compile/compile-scope';
import { injectCtes } from '../compile/ctes';
import { ProjectError } from '../errors';
import { ClockReadings } from '../jinja/clock-readings';
import { splitArgs } from '../jinja/context';
import { Relation } from '../jinja/relation';
import type { TemplateRenderer } from '../jinja/renderer';
import { QueryNeeded } from '../jinja/scope';
import type { Manifest } from '../parse/manifest';
import type { ParsedProject } from '../parse/parsed-project';
import type { Node } from '../project/types';
import type { GivenInput, InputTarget, UnitTestOverrides, UnitTestSpec } from './spec';
import { describeTarget } from './spec';

/** The CTE a given input becomes inside the rendered model (dbt's ephemeral naming, so aliases in the model work). */
export function cteNameOf(target: InputTarget, model: Node): string {
  if (target.kind === 'this') return `__dbt__cte__${model.name}__this`;
  return target.kind === 'ref' ? `__dbt__cte__${target.name}` : `__dbt__cte__${target.sourceName}__${target.tableName}`;
}

/**
 * The model's execute-time scope with every ref/source (and `this`, when given) read from the unit test's inputs, and
 * is_incremental() answered by the overrides (false unless overridden: the test never sees a real table).
 */
class UnitTestScope extends CompileScope {
  constructor(
    manifest: Manifest,
    model: Node,
    answers: QueryAnswers,
    abortForQuery: (sql: string) => never,
    private readonly spec: UnitTestSpec,
    clock: ClockReadings,
  ) {
    super(manifest, model, { fullRefresh: false, empty: false }, answers, abortForQuery, 0, clock);
  }

  override ref(name: string, packageAndName?: unknown): Relation {
    // ref('pkg', 'model') names the model second.
    const refName = typeof packageAndName === 'string' ? packageAndName : name;
    return this.inputRelation({ kind: 'ref', name: refName }, (g) => g.target.kind === 'ref' && g.target.name === refName);
  }

  override source(sourceName: string, tableName: string): Relation {
    return this.inputRelation(
      { kind: 'source', sourceName, tableName },
      (g) => g.target.kind === 'source' && g.target.sourceName === sourceName && g.target.tableName === tableName,
    );
  }

  override get thisRelation(): Relation {
    const given = this.spec.given.find((g) => g.target.kind === 'this');
    return given ? cteRelation(cteNameOf(given.target, this.node)) : super.thisRelation;
  }

  override isIncremental(): boolean {
    return Boolean(this.spec.overrides.macros.is_incremental ?? false);
  }

  private inputRelation(target: InputTarget, matches: (given: GivenInput) => boolean): Relation {
    if (this.spec.given.some(matches)) return cteRelation(cteNameOf(target, this.node));
    throw new ProjectError(
      `unit test '${this.spec.name}': model '${this.node.name}' reads ${describeTarget(target)}, but the test gives no rows for it`,
      this.spec.location,
      `add to given: - input: ${describeTarget(target)} with rows: [] if it should be empty`,
    );
  }
}

function cteRelation(name: string): Relation {
  return new Relation(null, null, name, 'cte', undefined, name);
}

/**
 * Renders the tested model with its inputs replaced by CTEs (`ctes`: CTE name → select), asking `runQuery` whatever the
 * template queries at render time.
 */
export async function renderModelUnderTest(
  project: ParsedProject,
  model: Node,
  spec: UnitTestSpec,
  ctes: { name: string; sql: string }[],
  runQuery: (sql: string) => Promise<QueryResult>,
): Promise<string> {
  const { manifest, renderer } = project;
  const answers = new QueryAnswers();
  const clock = new ClockReadings();
  for (;;) {
    const scope = new UnitTestScope(manifest, model, answers, (sql) => renderer.abortForQuery(sql), spec, clock);
    try {
      const sql = withOverrides(renderer, manifest.project.name, spec.overrides, () => renderer.render(model.rawCode, model.originalFilePath, scope));
      return injectCtes(sql, ctes);
    } catch (error) {
      if (!(error instanceof QueryNeeded)) throw error;
      answers.add(error.sql, await runQuery(error.sql));
    }
  }
}

type Globals = Record<string, unknown>;

/**
 * Runs a synchronous render with overridden macros, vars and env vars. Rendering is synchronous, so swapping the
 * renderer's globals for its duration cannot leak into another node's render.
 */
function withOverrides<T>(renderer: TemplateRenderer, projectName: string, overrides: UnitTestOverrides, render: () => T): T {
  const globals = (renderer.env as unknown as { globals: Globals }).globals;
  const restore: (() => void)[] = [];
  const swap = (holder: Globals, name: string, value: unknown) => {
    const previous = Object.getOwnPropertyDescriptor(holder, name);
    Object.defineProperty(holder, name, { value, writable: true, configurable: true, enumerable: true });
    restore.push(() => (previous ? Object.defineProperty(holder, name, previous) : delete holder[name]));
  };
  try {
    for (const [name, value] of Object.entries(overrides.macros)) {
      const macro = () => value;
      const dot = name.indexOf('.');
      if (dot > 0) {
        swap(renderer.namespace(name.slice(0, dot)), name.slice(dot + 1), macro);
        continue;
      }
      swap(globals, name, macro);
      for (const pkg of ['dbt', projectName]) if (renderer.lookupMacro(pkg, name)) swap(renderer.namespace(pkg), name, macro);
    }
    if (Object.keys(overrides.vars).length > 0) swap(globals, 'var', overriding(globals.var, overrides.vars, 'name'));
    if (Object.keys(overrides.envVars).length > 0) swap(globals, 'env_var', overriding(globals.env_var, overrides.envVars, 'var'));
    return render();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** `var('x')` / `env_var('X')` answering from `values` first, then as usual. */
function overriding(original: unknown, values: Record<string, unknown>, keyword: string): (...raw: unknown[]) => unknown {
  return (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const name = String(positional.length > 0 ? positional[0] : kwargs[keyword]);
    if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
    return (original as (...a: unknown[]) => unknown)(...raw);
  };
}
