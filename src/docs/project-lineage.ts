import type { Manifest } from '../parse/manifest';
import type { CatalogJson } from './catalog';
import { columnLineage, type LineageResult } from './column-lineage';
import { SqlParser } from './sql-ast';

/** The kinds of node whose compiled SQL is one SELECT whose columns are worth tracing. */
const TRACED = new Set(['model', 'snapshot', 'analysis']);

/**
 * Finds the node or source a table reference names: by database.schema.name, schema.name or name alone,
 * case-insensitively, as the compiled SQL spells relations; a shorter form only where it is unambiguous.
 */
export function relationResolver(manifest: Manifest): (table: { catalog: string; schema: string; name: string }) => string | undefined {
  const byKey = new Map<string, string | null>();
  const add = (uniqueId: string, database: string, schema: string, name: string) => {
    for (const parts of [[database, schema, name], [schema, name], [name]]) {
      const key = parts.map((part) => part.toLowerCase()).join('.');
      // null marks a short name that two relations share.
      byKey.set(key, byKey.has(key) && byKey.get(key) !== uniqueId ? null : uniqueId);
    }
  };
  for (const node of manifest.nodes.values())
    if (['model', 'seed', 'snapshot'].includes(node.resourceType) && node.config.materialized !== 'ephemeral')
      add(node.uniqueId, node.database, node.schema, node.alias);
  for (const source of manifest.sources.values()) add(source.uniqueId, source.database, source.schema, source.identifier);
  return ({ catalog, schema, name }) => byKey.get([catalog, schema, name].filter(Boolean).join('.').toLowerCase()) ?? undefined;
}

/**
 * The column lineage of every traced node with compiled SQL, parents first: a parent's columns come from
 * the catalog when it is built, else from its own lineage.
 */
export async function projectColumnLineage(manifest: Manifest, compiled: Map<string, string>, catalog: CatalogJson): Promise<Record<string, LineageResult>> {
  const resolveTable = relationResolver(manifest);
  const catalogColumns = (id: string) => {
    const table = catalog.nodes[id] ?? catalog.sources[id];
    return table
      ? Object.values(table.columns)
          .sort((a, b) => a.index - b.index)
          .map((c) => c.name)
      : undefined;
  };
  const lineage: Record<string, LineageResult> = {};
  const columnsOf = (id: string) => {
    const traced = lineage[id];
    return catalogColumns(id) ?? (traced && 'columns' in traced ? traced.columns.map((c) => c.column) : undefined);
  };
  const traced = manifest.dag.topologicalOrder().filter((id) => compiled.has(id) && TRACED.has(manifest.nodes.get(id)?.resourceType ?? ''));
  const parser = await SqlParser.open();
  let asts: unknown[];
  try {
    asts = await parser.parseAll(traced.map((id) => compiled.get(id) as string));
  } finally {
    parser.close();
  }
  traced.forEach((id, index) => (lineage[id] = columnLineage(asts[index], { resolveTable, columnsOf, outputNames: catalogColumns(id) })));
  return lineage;
}
