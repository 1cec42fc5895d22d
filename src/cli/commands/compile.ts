import path from 'node:path';
import { autocommitQueries } from '../../compile/autocommit-queries';
import { Compiler, type CompiledNode } from '../../compile/compiler';
import { operationNode } from '../../compile/operation-node';
import { writeManifest } from '../../report/artifacts';
import { sqlFiles } from '../../report/sql-files';
import { foundLine } from '../../report/summary';
import type { Session } from '../session';

export interface CompileOptions {
  inline?: string;
  /** How the SQL of the selected (or inline) node is printed: text or json. */
  output?: string;
  fullRefresh?: boolean;
  empty?: boolean;
}

/** A compiler whose queries (run_query, is_incremental) open the warehouse only when a template asks one. */
export function sessionCompiler(session: Session, options: CompileOptions = {}, selected?: ReadonlySet<string>): Compiler {
  const defer = selected ? session.deferral(selected) : undefined;
  return new Compiler(
    session.project,
    { fullRefresh: !!options.fullRefresh, empty: !!options.empty, defer },
    autocommitQueries(() => session.warehouse()),
    session.project.renderCache,
  );
}

/** An inline query compiled as an analysis named `inline_query`. */
export async function compileInline(session: Session, sql: string, compiler = sessionCompiler(session)): Promise<CompiledNode> {
  return compiler.compile(operationNode(session.manifest, 'inline_query', sql));
}

/** Renders the selected models, tests and analyses to target/compiled/<project>/<path>; returns their SQL by unique id. */
export async function compileSelected(session: Session, selected: ReadonlySet<string>, options: CompileOptions = {}): Promise<Map<string, string>> {
  const { manifest } = session;
  const compiled = new Map<string, string>();
  const compiler = sessionCompiler(session, options, selected);
  for (const id of manifest.dag.topologicalOrder()) {
    const node = manifest.nodes.get(id);
    // Unit tests compile only when they run: their SQL depends on the rows they are given.
    if (!node || !selected.has(id) || node.resourceType === 'seed' || node.resourceType === 'unit_test') continue;
    const result = await compiler.compile(node);
    compiled.set(id, result.sql);
    sqlFiles(manifest).write('compiled', node, result.sql);
  }
  return compiled;
}

/** `compile`: every selected model, test and analysis, and manifest.json with their compiled SQL. */
export async function compileCommand(session: Session, options: CompileOptions): Promise<number> {
  const { manifest, reporter } = session;
  if (options.inline !== undefined) {
    printCompiled(session, undefined, (await compileInline(session, options.inline, sessionCompiler(session, options))).sql, options.output);
    return 0;
  }
  reporter.info(foundLine(manifest), 'FoundStats');
  const compiled = await compileSelected(session, session.select(), options);
  writeManifest(manifest, session.invocationId, compiled);
  // As dbt since 1.5: with --select, the SQL of the nodes the first selector names is printed.
  const named = session.options.select[0];
  if (named)
    for (const [id, sql] of compiled)
      if (named.includes(manifest.nodes.get(id)!.name)) printCompiled(session, manifest.nodes.get(id)!.name, sql, options.output);
  reporter.info(
    `Compiled ${compiled.size} node${compiled.size === 1 ? '' : 's'} to ${path.posix.join(manifest.project.targetPath, 'compiled', manifest.project.name)}`,
  );
  return 0;
}

/** dbt's CompiledNode event: `Compiled node 'x' is:` and the SQL (the SQL alone with --quiet), or JSON. */
function printCompiled(session: Session, name: string | undefined, sql: string, output = 'text'): void {
  const { reporter, flags } = session;
  if (output === 'json') reporter.output(JSON.stringify(name === undefined ? { compiled: sql } : { node: name, compiled: sql }, null, 2), 'CompiledNode');
  else if (flags.QUIET) reporter.output(sql, 'CompiledNode');
  else reporter.output(`${name === undefined ? 'Compiled inline node is:' : `Compiled node '${name}' is:`}\n${sql}`, 'CompiledNode');
}
