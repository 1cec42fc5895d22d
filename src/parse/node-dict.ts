/*
 * The one place a node or source becomes the dict dbt shows for it: manifest.json, the `graph` context variable, the
 * `model` variable of macros, results handed to on-run-end hooks. Every key manifest.json has, so macros that read
 * `graph.nodes` see what they would in dbt.
 */
import type { ColumnProperties, Node, NodeConfig, SourceTable } from '../project/types';
import type { Exposure, Group } from '../project/exposures';
import { nodeChecksum } from '../state/checksum';

/** Keys every node config has in dbt's manifest, with dbt's defaults, under what the project set. */
export function fullConfig(node: Node, config: NodeConfig): NodeConfig {
  const base: NodeConfig = {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized: node.resourceType === 'test' ? 'test' : node.resourceType === 'seed' ? 'seed' : 'view',
    persist_docs: {},
    'post-hook': [],
    'pre-hook': [],
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: 'ignore',
    on_configuration_change: 'apply',
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    access: node.resourceType === 'model' ? 'protected' : undefined,
  };
  if (base.access === undefined) delete base.access;
  return { ...base, ...config };
}

function columnsDict(columns: Record<string, ColumnProperties>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    // Keys a column leaves out (or holds as undefined) are None in dbt's dict, which `is none` tests in macros rely on.
    const { constraints, quote, data_type, granularity, doc_blocks } = column as ColumnProperties & Record<string, unknown>;
    result[key] = {
      ...column,
      constraints: constraints ?? [],
      quote: quote ?? null,
      data_type: data_type ?? null,
      granularity: granularity ?? null,
      doc_blocks: doc_blocks ?? [],
    };
  }
  return result;
}

function relationName(node: Node): string | null {
  if (node.resourceType === 'test' || node.resourceType === 'analysis' || node.resourceType === 'unit_test') return null;
  if (node.config.materialized === 'ephemeral') return null;
  return `"${node.database}"."${node.schema}"."${node.alias}"`;
}

export interface NodeDictOptions {
  /** The config as rendered so far (a node's own `config()` calls while it renders); the node's config otherwise. */
  config?: NodeConfig;
  /** Compiled SQL, once the node has been compiled. */
  compiledCode?: string;
}

/** A node as dbt's manifest.json and Jinja context show it. */
export function nodeDict(node: Node, options: NodeDictOptions = {}): Record<string, unknown> {
  const config = fullConfig(node, options.config ?? node.config);
  const dict: Record<string, unknown> = {
    database: node.database,
    schema: node.schema,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    unique_id: node.uniqueId,
    fqn: node.fqn,
    alias: node.alias,
    checksum: nodeChecksum(node),
    config,
    tags: config.tags ?? [],
    description: node.description,
    columns: columnsDict(node.columns),
    meta: config.meta ?? {},
    group: config.group ?? null,
    docs: config.docs,
    patch_path: node.patchPath ? `${node.packageName}://${node.patchPath}` : null,
    build_path: null,
    unrendered_config: {},
    relation_name: relationName(node),
    raw_code: node.rawCode,
    doc_blocks: [],
    language: node.language ?? 'sql',
    refs: node.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
    sources: node.sourceCalls,
    metrics: [],
    depends_on: node.dependsOn,
    compiled_path: null,
    contract: config.contract,
  };
  if (node.resourceType === 'model') {
    Object.assign(dict, {
      access: config.access,
      constraints: node.constraints ?? [],
      version: node.version ?? null,
      latest_version: node.latestVersion ?? null,
      deprecation_date: node.deprecationDate ?? null,
      primary_key: node.primaryKey ?? [],
      time_spine: node.timeSpine ?? null,
    });
  }
  if (node.resourceType === 'unit_test') Object.assign(dict, { version: node.version ?? null, versions: node.unitTest?.versions ?? null });
  if (node.resourceType === 'seed') dict.root_path = null;
  if (node.testMetadata)
    Object.assign(dict, { test_metadata: node.testMetadata, column_name: node.columnName ?? null, attached_node: node.attachedNode ?? null });
  if (options.compiledCode !== undefined)
    Object.assign(dict, { compiled: true, compiled_code: options.compiledCode, extra_ctes_injected: true, extra_ctes: [] });
  return dict;
}

/** A source table as dbt's manifest.json and `graph.sources` show it. */
export function sourceDict(source: SourceTable): Record<string, unknown> {
  return {
    database: source.database,
    schema: source.schema,
    name: source.name,
    resource_type: 'source',
    package_name: source.packageName,
    path: source.originalFilePath,
    original_file_path: source.originalFilePath,
    unique_id: source.uniqueId,
    fqn: source.fqn,
    source_name: source.sourceName,
    source_description: source.sourceDescription,
    loader: source.loader,
    identifier: source.identifier,
    quoting: source.quoting ?? {},
    loaded_at_field: source.loadedAtField ?? null,
    loaded_at_query: null,
    // As dbt 1.9+: the freshness config, else the property.
    freshness: (source.config.freshness !== undefined ? source.config.freshness : source.freshness) ?? null,
    external: source.external ?? null,
    description: source.description,
    columns: columnsDict(source.columns),
    meta: source.meta,
    source_meta: source.sourceMeta ?? {},
    tags: source.tags,
    config: source.config,
    patch_path: null,
    unrendered_config: {},
    relation_name: source.externalLocation ?? `"${source.database}"."${source.schema}"."${source.identifier}"`,
    doc_blocks: [],
  };
}

/** An exposure as manifest.json and `graph.exposures` show it. */
export function exposureDict(e: Exposure): Record<string, unknown> {
  return {
    name: e.name,
    resource_type: 'exposure',
    package_name: e.packageName,
    path: e.originalFilePath,
    original_file_path: e.originalFilePath,
    unique_id: e.uniqueId,
    fqn: e.fqn,
    type: e.type,
    owner: e.owner,
    description: e.description,
    label: e.label ?? null,
    maturity: e.maturity ?? null,
    meta: e.meta,
    tags: e.tags,
    config: e.config,
    url: e.url ?? null,
    depends_on: { macros: [], nodes: e.dependsOn },
    refs: e.refs,
    sources: e.sources,
  };
}

/** A group as manifest.json and `graph.groups` show it. */
export function groupDict(g: Group): Record<string, unknown> {
  return {
    name: g.name,
    resource_type: 'group',
    package_name: g.packageName,
    path: g.originalFilePath,
    original_file_path: g.originalFilePath,
    unique_id: g.uniqueId,
    owner: { email: null, name: null, ...g.owner },
    description: g.description ?? null,
    config: g.config,
  };
}
