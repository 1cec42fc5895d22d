import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeResult } from '../execute/results';
import type { Manifest } from '../parse/manifest';
import type { Node } from '../project/types';
import { nodeChecksum } from '../state/checksum';
import { macroCalls } from '../state/macro-calls';

const SCHEMA = 'https://schemas.getdbt.com/dbt';

/** The `metadata` block every dbt artifact starts with. */
export function artifactMetadata(manifest: Manifest, kind: string, version: number, invocationId: string): Record<string, unknown> {
  return {
    dbt_schema_version: `${SCHEMA}/${kind}/v${version}.json`,
    dbt_version: '1.10.0',
    generated_at: new Date().toISOString(),
    invocation_id: invocationId,
    env: {},
    project_name: manifest.project.name,
    adapter_type: manifest.target.type,
    generator: 'tsdbt',
  };
}

export function targetFile(manifest: Manifest, name: string): string {
  const dir = path.join(manifest.project.rootDir, manifest.project.targetPath);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

function nodeJson(node: Node, compiled?: string): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    package_name: node.packageName,
    name: node.name,
    path: node.path,
    original_file_path: node.originalFilePath,
    patch_path: node.patchPath ? `${node.packageName}://${node.patchPath}` : null,
    fqn: node.fqn,
    database: node.database,
    schema: node.schema,
    alias: node.alias,
    config: node.config,
    tags: node.config.tags ?? [],
    meta: node.config.meta ?? {},
    description: node.description,
    columns: node.columns,
    raw_code: node.rawCode,
    checksum: nodeChecksum(node),
    language: 'sql',
    refs: node.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
    sources: node.sourceCalls,
    depends_on: node.dependsOn,
    relation_name:
      node.resourceType === 'test' || node.resourceType === 'analysis' || node.config.materialized === 'ephemeral'
        ? null
        : `"${node.database}"."${node.schema}"."${node.alias}"`,
    ...(node.testMetadata ? { test_metadata: node.testMetadata, column_name: node.columnName ?? null, attached_node: node.attachedNode ?? null } : {}),
    ...(compiled !== undefined ? { compiled: true, compiled_code: compiled } : {}),
  };
}

/** target/manifest.json with dbt's main keys; returns what it wrote. */
export function writeManifest(manifest: Manifest, invocationId: string, compiled: Map<string, string> = new Map()): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const unitTests: Record<string, unknown> = {};
  for (const node of manifest.nodes.values())
    (node.resourceType === 'unit_test' ? unitTests : nodes)[node.uniqueId] = nodeJson(node, compiled.get(node.uniqueId));
  const sources: Record<string, unknown> = {};
  for (const s of manifest.sources.values()) {
    sources[s.uniqueId] = {
      unique_id: s.uniqueId,
      resource_type: 'source',
      package_name: s.packageName,
      name: s.name,
      source_name: s.sourceName,
      identifier: s.identifier,
      database: s.database,
      schema: s.schema,
      fqn: s.fqn,
      original_file_path: s.originalFilePath,
      description: s.description,
      source_description: s.sourceDescription,
      loader: s.loader,
      loaded_at_field: s.loadedAtField ?? null,
      freshness: s.freshness ?? null,
      columns: s.columns,
      meta: s.meta,
      tags: s.tags,
      config: s.config,
      relation_name: s.externalLocation ?? `"${s.database}"."${s.schema}"."${s.identifier}"`,
    };
  }
  const macros: Record<string, unknown> = {};
  const calls = macroCalls(manifest.macros, manifest.project.name);
  for (const m of manifest.macros.values()) {
    macros[m.uniqueId] = {
      unique_id: m.uniqueId,
      name: m.name,
      package_name: m.packageName,
      original_file_path: m.originalFilePath,
      description: m.description,
      macro_sql: m.macroSql ?? '',
      depends_on: { macros: calls.get(m.uniqueId) ?? [] },
    };
  }
  const docs: Record<string, unknown> = {};
  for (const d of manifest.docs.values())
    docs[`doc.${d.packageName}.${d.name}`] = { name: d.name, package_name: d.packageName, block_contents: d.contents, original_file_path: d.originalFilePath };
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of manifest.dag.nodes()) {
    parentMap[id] = manifest.dag.parents(id).sort();
    childMap[id] = manifest.dag.children(id).sort();
  }
  const disabled: Record<string, unknown[]> = {};
  for (const [id, list] of manifest.disabled) disabled[id] = list.map((n) => nodeJson(n));
  const body = {
    metadata: artifactMetadata(manifest, 'manifest', 12, invocationId),
    nodes,
    sources,
    macros,
    docs,
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled,
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };
  writeFileSync(targetFile(manifest, 'manifest.json'), JSON.stringify(body));
  return body;
}

/** target/run_results.json in dbt's shape. */
export function writeRunResults(manifest: Manifest, invocationId: string, results: NodeResult[], elapsed: number, args: Record<string, unknown>): void {
  const body = {
    metadata: artifactMetadata(manifest, 'run-results', 6, invocationId),
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      timing: r.timing,
      thread_id: 'Thread-1',
      execution_time: r.executionTime,
      message: r.message,
      failures: r.failures,
      adapter_response: r.adapterResponse,
      compiled: r.compiledCode !== undefined,
      compiled_code: r.compiledCode ?? null,
      relation_name: r.relationName ?? null,
    })),
    elapsed_time: elapsed,
    args,
  };
  writeFileSync(targetFile(manifest, 'run_results.json'), JSON.stringify(body, null, 2));
}
