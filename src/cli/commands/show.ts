import type { QueryResult } from '../../adapters/adapter';
import { ProjectError, didYouMean } from '../../errors';
import type { Node } from '../../project/types';
import type { Session } from '../session';
import { stringify } from 'csv-stringify/sync';
import { cellText, renderTable } from '../../report/table';
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
  if (output === 'json') return JSON.stringify({ node: label, show: result.rows }, null, 2);
  const names = result.columns.map((c) => c.name);
  if (output === 'csv') return stringify([names, ...result.rows.map((r) => names.map((n) => cellText(r[n])))]).replace(/\n$/, '');
  return `Previewing node '${label}':\n${renderTable(result)}`;
}
