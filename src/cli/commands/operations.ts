import path from 'node:path';
import type { Connection } from '../../adapters/adapter';
import { operationNode } from '../../compile/operation-node';
import { ProjectError, TsdbtError, didYouMean } from '../../errors';
import type { NodeResult } from '../../execute/results';
import { nodeDict } from '../../parse/node-dict';
import { withToDict } from '../../jinja/compat';
import { dotted } from '../../report/console';
import { parseVars } from '../options';
import type { Session } from '../session';
import { sessionCompiler } from './compile';

/** What on-run-end hooks read: `results`, dbt's result objects, and the relations of the nodes they ran. */
export interface HookResults {
  results: Record<string, unknown>[];
  relations: { database: string; schema: string }[];
}

/** A run's results as on-run-end sees them: dbt's RunResult objects, with the node they ran, compiled; each answers to_dict(). */
export function runResultsView(session: Session, results: NodeResult[]): HookResults {
  const ran = results.map((r) => session.manifest.nodes.get(r.uniqueId)!);
  return {
    results: results.map((r, i) =>
      withToDict({
        status: r.status,
        message: r.message,
        failures: r.failures,
        execution_time: r.executionTime,
        adapter_response: r.adapterResponse,
        timing: r.timing.map((t) => withToDict({ ...t })),
        thread_id: 'Thread-1',
        // The node as it ran: compiled, with its SQL (dbt's RunResult holds the compiled node).
        node: withToDict({
          ...nodeDict(ran[i], { compiledCode: r.compiledCode }),
          compiled: r.compiledCode !== undefined,
          compiled_code: r.compiledCode ?? null,
        }),
      }),
    ),
    relations: ran,
  };
}

/**
 * Runs the project's on-run-start or on-run-end hooks, in order, each rendered with `execute` true. Returns false when a
 * hook failed (reported), which fails the invocation as dbt does.
 */
export async function runProjectHooks(
  session: Session,
  kind: 'on-run-start' | 'on-run-end',
  /** What on-run-end hooks read, made only when there are hooks to read it. */
  ended: () => HookResults = () => ({ results: [], relations: [] }),
): Promise<boolean> {
  const { manifest, reporter } = session;
  // As dbt: installed packages' hooks first, the root project's last.
  const projects = [
    ...(manifest.packages ?? []).map((p) => ({ name: p.name, project: p.project, dir: p.dir })),
    { name: manifest.project.name, project: manifest.project, dir: '' },
  ];
  const hooks = projects.flatMap(({ name, project, dir }) =>
    (kind === 'on-run-start' ? project.onRunStart : project.onRunEnd).map((sql, index) => ({
      packageName: name,
      sql,
      index,
      file: path.posix.join(dir, project.configFile),
    })),
  );
  if (hooks.length === 0) return true;
  if (kind === 'on-run-end') {
    const { results, relations } = ended();
    session.project.renderer.defineGlobal('results', results);
    session.project.renderer.defineGlobal('schemas', [...new Set(relations.map((n) => n.schema))]);
    session.project.renderer.defineGlobal(
      'database_schemas',
      [...new Set(relations.map((n) => `${n.database}.${n.schema}`))].map((s) => s.split('.')),
    );
  }
  reporter.info(`Running ${hooks.length} ${kind} hook${hooks.length === 1 ? '' : 's'}`);
  const compiler = sessionCompiler(session);
  const adapter = await session.warehouse();
  for (const [i, hook] of hooks.entries()) {
    const label = `${i + 1} of ${hooks.length} hook: ${hook.packageName}.${kind}.${hook.index}`;
    const started = Date.now();
    reporter.info(dotted(`${i + 1} of ${hooks.length} START hook: ${hook.packageName}.${kind}.${hook.index}`, '[RUN]'));
    // The connection is taken only to run the hook's SQL: its render may run queries (run_query) on the pool itself.
    let conn: Connection | undefined;
    try {
      const { sql } = await compiler.compile(operationNode(manifest, `${kind}-${hook.index}`, hook.sql, hook.file, hook.packageName));
      conn = await adapter.acquire();
      if (sql.trim()) await conn.execute(sql);
      reporter.info(dotted(`${label.replace(' hook:', ' OK hook:')}`, `[OK in ${((Date.now() - started) / 1000).toFixed(2)}s]`));
    } catch (error) {
      const message = error instanceof TsdbtError ? error.describe() : (error as Error).message;
      reporter.error(`${dotted(label.replace(' hook:', ' ERROR hook:'), '[ERROR]')}\n  ${message}`);
      return false;
    } finally {
      if (conn) adapter.release(conn);
    }
  }
  return true;
}

/** `run-operation <macro> --args '{...}'`: calls a macro with `execute` true; its queries run against the target. */
export async function runOperationCommand(session: Session, macroName: string, argsText?: string): Promise<number> {
  const { manifest, reporter } = session;
  const args = parseVars(argsText);
  const dot = macroName.lastIndexOf('.');
  const macro =
    dot >= 0
      ? session.project.renderer.lookupMacro(macroName.slice(0, dot), macroName.slice(dot + 1))
      : ((session.project.renderer.hasGlobalMacro(macroName) ? session.project.renderer.env.getGlobal(macroName) : undefined) as
          ((...a: unknown[]) => unknown) | undefined);
  if (!macro) {
    throw new ProjectError(
      `no macro named '${macroName}'`,
      undefined,
      didYouMean(
        macroName,
        [...manifest.macros.values()].map((m) => m.name),
      ) ?? 'check the name, or prefix it with its package: package.macro',
    );
  }
  session.project.renderer.defineGlobal('__run_operation', () => {
    macro({ ...args, __keywords: true });
    return '';
  });
  try {
    await sessionCompiler(session).compile(operationNode(manifest, `operation_${macroName.replace(/\W/g, '_')}`, '{{ __run_operation() }}'));
  } catch (error) {
    reporter.error(
      `Encountered an error while running operation: ${error instanceof TsdbtError ? error.describe() : (error as Error).message}`,
      'RunningOperationCaughtError',
    );
    return 1;
  }
  return 0;
}
