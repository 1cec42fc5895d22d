import type { CatalogRelation } from '../adapters/adapter';

/** A manifest node or source that has a relation in the warehouse. */
export interface CatalogEntry {
  uniqueId: string;
  kind: 'node' | 'source';
  database: string;
  schema: string;
  identifier: string;
}

interface CatalogStat {
  id: string;
  label: string;
  value: string | number | boolean | null;
  include: boolean;
  description: string;
}

export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string; comment: string | null; owner: string | null };
  columns: Record<string, { type: string; index: number; name: string; comment: string | null }>;
  stats: Record<string, CatalogStat>;
  unique_id: string;
}

export interface CatalogJson {
  metadata: Record<string, unknown>;
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

/** dbt matches catalog rows to manifest entries by lower-cased database, schema and name. */
function relationKey(database: string, schema: string, name: string): string {
  return [database, schema, name].map((part) => part.toLowerCase()).join('\u0000');
}

/** The schemas to ask the warehouse about: each (database, schema) of the entries once, first spelling kept. */
export function catalogSchemas(entries: CatalogEntry[]): { database: string; schema: string }[] {
  const schemas = new Map<string, { database: string; schema: string }>();
  for (const entry of entries) {
    const key = relationKey(entry.database, entry.schema, '');
    if (!schemas.has(key)) schemas.set(key, { database: entry.database, schema: entry.schema });
  }
  return [...schemas.values()];
}

function stats(relation: CatalogRelation): Record<string, CatalogStat> {
  const result: Record<string, CatalogStat> = {};
  if (relation.rowCount !== undefined)
    result.row_count = { id: 'row_count', label: 'Row Count', value: relation.rowCount, include: true, description: 'Number of rows in the table' };
  result.has_stats = {
    id: 'has_stats',
    label: 'Has Stats?',
    value: Object.keys(result).length > 0,
    include: false,
    description: 'Indicates whether there are statistics for this table',
  };
  return result;
}

function catalogTable(uniqueId: string, relation: CatalogRelation): CatalogTable {
  const columns: CatalogTable['columns'] = {};
  for (const column of [...relation.columns].sort((a, b) => a.index - b.index))
    columns[column.name] = { type: column.type, index: column.index, name: column.name, comment: column.comment };
  return {
    metadata: {
      type: relation.type,
      schema: relation.schema,
      name: relation.name,
      database: relation.database,
      comment: relation.comment,
      owner: relation.owner,
    },
    columns,
    stats: stats(relation),
    unique_id: uniqueId,
  };
}

/**
 * catalog.json's nodes and sources: each entry whose relation the warehouse reported. Entries without
 * a relation (not built yet) are left out, as dbt does; relations no entry points at are ignored.
 */
export function shapeCatalog(entries: CatalogEntry[], relations: CatalogRelation[], metadata: Record<string, unknown>): CatalogJson {
  const byKey = new Map(relations.map((relation) => [relationKey(relation.database, relation.schema, relation.name), relation]));
  const catalog: CatalogJson = { metadata, nodes: {}, sources: {}, errors: null };
  for (const entry of entries) {
    const relation = byKey.get(relationKey(entry.database, entry.schema, entry.identifier));
    if (!relation) continue;
    (entry.kind === 'source' ? catalog.sources : catalog.nodes)[entry.uniqueId] = catalogTable(entry.uniqueId, relation);
  }
  return catalog;
}
