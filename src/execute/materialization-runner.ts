import type { Connection, Dialect, QueryResult, Relation as WarehouseRelation } from '../adapters/adapter';
import { WarehouseError } from '../adapters/adapter';
import type { Compiler, CompiledNode } from '../compile/compiler';
import { TsdbtError, type SourceLocation } from '../errors/tsdbt-error';
import { warehouseRelation } from '../jinja/materialization-context';
import { macroLocationOf } from '../jinja/compat';
import { Relation } from '../jinja/relation';
import { ClockReadings } from '../jinja/clock-readings';
import { QueryNeeded } from '../jinja/scope';
import type { ParsedProject } from '../parse/parsed-project';
import { chooseMaterialization, returnedRelations } from '../plan/materialization';
import type { Node } from '../project/types';
import { MaterializationScope, type JournalEntry, type WarehouseStep } from './materialization-scope';

/** A `{% materialization %}` block's macro, as the manifest places it. */
export interface MaterializationMacro {
  /** The materialization's name (`materialized:`). */
  name: string;
  fn: (...args: unknown[]) => unknown;
  file: string;
  line: number;
}

/** A node that failed inside its materialization: where in the materialization, and which node. */
export class MaterializationError extends TsdbtError {
  readonly exitCode = 1;
}

export interface MaterializationOutcome {
  /** The `main` statement's adapter response (`load_result('main').response`). */
  response: Record<string, unknown>;
  relations: WarehouseRelation[];
}

const NO_ROWS: QueryResult = { columns: [], rows: [] };

/**
 * Runs a node through a materialization macro, as dbt's ModelRunner does: the macro is called in the node's context on
 * the node's connection; statements open the transaction (unless `auto_begin=false`) and `adapter.commit()` ends it.
 * What is still open when the macro ends, or when it fails, is rolled back, as dbt does when it releases the connection.
 * The result is the `main` statement's response.
 */
export async function runMaterialization(
  compiler: Compiler,
  conn: Connection,
  node: Node,
  compiled: CompiledNode,
  macro: MaterializationMacro,
  io: { dialect: Dialect; warn: (message: string) => void; /** Receives the `main` statements' SQL as they run. */ ran: string[] },
): Promise<MaterializationOutcome> {
  const renderer = compiler.project.renderer;
  const manifest = compiler.project.manifest;
  const journal: JournalEntry[] = [];
  const { ran, warn } = io;
  let open = false;
  let logsShown = 0;
  const clock = new ClockReadings();
  const perform = async (step: WarehouseStep): Promise<QueryResult> => {
    if (step.kind === 'commit') {
      if (open) await conn.commit();
      open = false;
      return NO_ROWS;
    }
    if (step.autoBegin && !open) {
      await conn.begin();
      open = true;
    }
    // As dbt, target/run holds what the `main` statement ran.
    if (step.name === 'main') ran.push(step.sql);
    return conn.query(step.sql);
  };
  try {
    for (;;) {
      const scope = new MaterializationScope(
        manifest,
        node,
        compiler.flags,
        compiled.config,
        compiled.sql,
        journal,
        io.dialect,
        (sql) => renderer.abortForQuery(sql),
        logsShown,
        clock,
      );
      let output: unknown;
      try {
        output = renderer.callMacro(macro.fn, [], scope, macro.file);
      } catch (error) {
        if (!(error instanceof QueryNeeded) || !scope.pending) throw inMaterialization(error, macro, node);
        logsShown = Math.max(logsShown, scope.logCalls);
        const step = scope.pending;
        const result = await perform(step).catch((failure: unknown) => {
          throw inMaterialization(failure, macro, node, error.location);
        });
        journal.push({ step, result });
        continue;
      }
      const returned = returnedRelations(output, (item): item is Relation => item instanceof Relation);
      if ('problem' in returned) {
        throw new MaterializationError(
          `materialization '${macro.name}' of ${describeNode(node)}: ${returned.problem}`,
          { file: macro.file, line: macro.line },
          `end it with {{ return({'relations': [target_relation]}) }}, listing the relations it built`,
        );
      }
      const loadResult = renderer.globalValue('load_result') as (name: string) => { response?: Record<string, unknown> } | null;
      const main = renderer.callMacro((name) => loadResult(String(name)), ['main'], scope, macro.file) as ReturnType<typeof loadResult>;
      if (!main) {
        throw new MaterializationError(
          `materialization '${macro.name}' of ${describeNode(node)} ran no statement named 'main'`,
          { file: macro.file, line: macro.line },
          "run the statement that builds the relation with {% call statement('main') %}...{% endcall %}",
        );
      }
      if (open) {
        await conn.rollback();
        open = false;
        warn(
          `${macro.file}:${macro.line}: materialization '${macro.name}' ended with its transaction open (${describeNode(node)}); as dbt does, it was rolled back: call {{ adapter.commit() }} to keep its work`,
        );
      }
      return {
        response: { _message: 'OK', ...(main.response ?? {}) },
        relations: returned.relations.map(warehouseRelation),
      };
    }
  } catch (error) {
    if (open) await conn.rollback().catch(() => undefined);
    throw error;
  }
}

function describeNode(node: Node): string {
  return `${node.resourceType} '${node.name}' (${node.originalFilePath})`;
}

/** An error raised while the materialization ran, placed in it: at the macro that ran the failing step when known. */
function inMaterialization(error: unknown, macro: MaterializationMacro, node: Node, stepLocation?: SourceLocation): MaterializationError {
  if (error instanceof MaterializationError) return error;
  const where = `materialization '${macro.name}' of ${describeNode(node)}`;
  const fallback = stepLocation ?? { file: macro.file, line: macro.line };
  if (error instanceof WarehouseError) {
    return new MaterializationError(
      `${where} failed: ${error.message.split('\n')[0]}`,
      fallback,
      'the statement ran inside the materialization, whose open transaction was rolled back',
    );
  }
  // An error raised by the body is placed where it was raised, when that is a line of a macro file.
  const raisedAt = error instanceof TsdbtError && error.location?.line ? error.location : (macroLocationOf(error) ?? fallback);
  if (error instanceof TsdbtError) return new MaterializationError(`${where}: ${error.message}`, raisedAt, error.hint);
  return new MaterializationError(`${where}: ${error instanceof Error ? error.message : String(error)}`, fallback);
}

/** The materialization macros of a project, chosen once per name (see chooseMaterialization). */
export class MaterializationMacros {
  private readonly chosen = new Map<string, MaterializationMacro | undefined>();

  constructor(
    private readonly project: ParsedProject,
    private readonly warn: (message: string) => void,
  ) {}

  /** The macro that builds nodes materialized as `name`, or none when tsdbt's own implementation does (or none exists). */
  find(name: string): MaterializationMacro | undefined {
    if (!this.chosen.has(name)) this.chosen.set(name, this.choose(name));
    return this.chosen.get(name);
  }

  private choose(name: string): MaterializationMacro | undefined {
    const manifest = this.project.manifest;
    const choice = chooseMaterialization(manifest.macros.values(), {
      materialization: name,
      adapterType: manifest.target.type,
      rootProject: manifest.project.name,
    });
    for (const ignored of choice.ignored) {
      const def = manifest.macros.get(`macro.${ignored.packageName}.${ignored.name}`);
      this.warn(
        `${def ? `${def.originalFilePath}:${def.line}: ` : ''}the materialization '${name}' of package '${ignored.packageName}' is ignored: tsdbt builds '${name}' itself, and as in dbt only the root project may replace a built-in materialization`,
      );
    }
    if (!choice.macro) return undefined;
    const def = manifest.macros.get(`macro.${choice.macro.packageName}.${choice.macro.name}`)!;
    const fn = this.project.renderer.lookupMacro(choice.macro.packageName, choice.macro.name)!;
    return { name, fn, file: def.originalFilePath, line: def.line };
  }
}
