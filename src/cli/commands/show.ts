import type { QueryResult } from '../../adapters/adapter';
import { ProjectError, didYouMean } from '../../errors';
import type { Node } from '../../project/types';
import type { Session } from '../session';
import { compileInline, sessionCompiler } from './compile';

export interface ShowOptions {
  inline?: string;
  limit?: string;
  output?: string;
}

/** `show`: runs a model, analysis or inline query and prints the first rows. */
export async function showCommand(session: Session, options: ShowOptions): Promise<number> {
  const limit = options.limit === undefined ? 5 : Number(options.limit);
  if (!Number.isInteger(limit)) throw new ProjectError(`--limit must be an integer, not '${options.limit}'`);
  const output = options.output ?? 'text';
  if (!['text', 'json', 'csv'].includes(output)) throw new ProjectError(`--output must be text, json or csv, not '${output}'`);
  let sql: string;
  let label: string;
  if (options.inline !== undefined) {
    sql = (await compileInline(session, options.inline)).sql;
    label = 'inline_query';
  } else {
    const node = singleSelected(session);
    sql = (await sessionCompiler(session).compile(node)).sql;
    label = node.name;
  }
  const result = await queryRows(session, sql, limit);
  session.reporter.output(formatRows(result, output, label));
  return 0;
}

function singleSelected(session: Session): Node {
  const ids = [...session.select()].filter((id) => session.manifest.nodes.get(id)?.resourceType !== 'test');
  if (session.options.select.length === 0 || ids.length !== 1) {
    const names = [...session.manifest.nodes.values()].map((n) => n.name);
    throw new ProjectError(
      ids.length === 0
        ? `--select '${session.options.select.join(' ')}' matches no model or analysis`
        : `--select must pick exactly one model or analysis (it picked ${ids.length})`,
      undefined,
      didYouMean(session.options.select.join(' '), names) ?? 'pass --select <model_or_analysis_name>, or --inline "<sql>"',
    );
  }
  return session.manifest.nodes.get(ids[0])!;
}

export async function queryRows(session: Session, sql: string, limit: number): Promise<QueryResult> {
  const adapter = await session.warehouse();
  const conn = await adapter.acquire();
  try {
    return await conn.query(limit >= 0 ? `select * from (\n${sql}\n) as show_query limit ${limit}` : sql);
  } finally {
    adapter.release(conn);
  }
}

/** A readable table (text), JSON or CSV. */
export function formatRows(result: QueryResult, output: string, label: string): string {
  const names = result.columns.map((c) => c.name);
  if (output === 'json') return JSON.stringify({ node: label, show: result.rows }, null, 2);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  if (output === 'csv') {
    const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    return [names.map(quote).join(','), ...result.rows.map((r) => names.map((n) => quote(cell(r[n]))).join(','))].join('\n');
  }
  const numeric = result.columns.map((c) => /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC/i.test(c.type));
  const widths = names.map((n, i) => Math.max(n.length, ...result.rows.map((r) => cell(r[names[i]]).length)));
  const line = (values: string[], align: boolean) =>
    '| ' + values.map((v, i) => (align && numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ') + ' |';
  const rule = '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |';
  return [
    `Previewing node '${label}':`,
    line(names, false),
    rule,
    ...result.rows.map((r) =>
      line(
        names.map((n) => cell(r[n])),
        true,
      ),
    ),
  ].join('\n');
}
