import { versionedSearchName } from '../../project/version-order';
import type { SelectableNode } from '../../graph/selectable-node';
import type { LineageResult } from '../column-lineage';
import type { ChartData } from '../exposure-charts';

/** The parts of manifest.json and catalog.json the site reads. */
export interface ManifestColumn {
  name: string;
  description?: string;
  data_type?: string;
}

export interface Resource {
  unique_id: string;
  resource_type: string;
  package_name: string;
  name: string;
  original_file_path?: string;
  database?: string;
  schema?: string;
  alias?: string;
  identifier?: string;
  source_name?: string;
  source_description?: string;
  description?: string;
  columns?: Record<string, ManifestColumn>;
  raw_code?: string;
  compiled_code?: string;
  macro_sql?: string;
  config?: Record<string, unknown>;
  tags?: string[];
  relation_name?: string | null;
  test_metadata?: { name: string; namespace?: string | null; kwargs?: Record<string, unknown> };
  column_name?: string | null;
  attached_node?: string | null;
  depends_on?: { nodes?: string[]; macros?: string[] };
  /** Model versions. */
  version?: string | number | null;
  /** Exposures. */
  type?: string;
  owner?: { name?: string | null; email?: string | null };
  maturity?: string | null;
  url?: string | null;
}

export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string; comment: string | null; owner: string | null };
  columns: Record<string, { type: string; index: number; name: string; comment: string | null }>;
  stats: Record<string, { id: string; label: string; value: unknown; include: boolean; description: string }>;
}

export interface ManifestJson {
  metadata: { project_name?: string; generated_at?: string };
  nodes: Record<string, Resource>;
  sources: Record<string, Resource>;
  macros: Record<string, Resource>;
  exposures?: Record<string, Resource>;
  docs?: Record<string, { name: string; package_name: string; block_contents: string }>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
}

export interface CatalogJson {
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
}

export interface TsdbtDocsJson {
  /** The records the CLI selects over, so that selections in the page pick what the CLI would. */
  selectable: SelectableNode[];
  /** Per model, snapshot and analysis: each output column's upstream columns, or why there is no lineage. */
  columnLineage?: Record<string, LineageResult>;
  /** Per exposure declaring `meta.tsdbt_charts`: its charts' points, computed at generate time. */
  charts?: Record<string, ChartData[]>;
}

export interface SiteData {
  manifest: ManifestJson;
  catalog: CatalogJson;
  tsdbt: TsdbtDocsJson;
}

/** The files the served site fetches, written next to index.html in the target folder. */
export const SITE_DATA_FILES: Record<keyof SiteData, string> = { manifest: 'manifest.json', catalog: 'catalog.json', tsdbt: 'tsdbt_docs.json' };

/** Every page-worthy resource by unique id: nodes, sources, macros and exposures. */
export function resourcesOf(manifest: ManifestJson): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  for (const group of [manifest.nodes, manifest.sources, manifest.macros, manifest.exposures ?? {}])
    for (const [id, resource] of Object.entries(group))
      // A model version is shown by the name dbt lists it under, `dim_customers.v2`: its versions share one name.
      resources.set(
        id,
        resource.version === undefined || resource.version === null ? resource : { ...resource, name: versionedSearchName(resource.name, resource.version) },
      );
  return resources;
}

/** The catalog entry of a node or source, if the warehouse had its relation. */
export function catalogOf(catalog: CatalogJson, uniqueId: string): CatalogTable | undefined {
  return catalog.nodes[uniqueId] ?? catalog.sources[uniqueId];
}
