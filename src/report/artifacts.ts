import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeResult } from '../execute/results';
import type { Manifest } from '../parse/manifest';
import { semanticDict, type SemanticResource } from '../parse/semantic-resources';
import { exposureDict, groupDict, nodeDict, sourceDict } from '../parse/node-dict';
import { macroCalls } from '../state/macro-calls';
import { metadataEnvs } from '../project/metadata-env';
import { DBT_VERSION } from '../version';
import { writeJsonFile } from './json-file';

const SCHEMA = 'https://schemas.getdbt.com/dbt';

/** The `metadata` block every dbt artifact starts with. */
export function artifactMetadata(manifest: Manifest, kind: string, version: number, invocationId: string): Record<string, unknown> {
  return {
    dbt_schema_version: `${SCHEMA}/${kind}/v${version}.json`,
    dbt_version: DBT_VERSION,
    generated_at: new Date().toISOString(),
    invocation_id: invocationId,
    env: metadataEnvs(),
    project_name: manifest.project.name,
    adapter_type: manifest.target.type,
    generator: 'tsdbt',
  };
}

export function targetFile(manifest: Manifest, name: string): string {
  const dir = path.resolve(manifest.project.rootDir, manifest.project.targetPath);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** What target/manifest.json was last written from (see writeManifest), and the file as it was written. */
interface ManifestStamp {
  /** The parse, and a digest of the compiled code the manifest holds. */
  source: string;
  /** Bytes before the first key after `metadata`. */
  bodyAt: number;
  size: number;
  mtimeMs: number;
}

/**
 * target/manifest.json with dbt's main keys, with the compiled code of the nodes in `compiled`. A parse reloaded from
 * target/ (partial parsing) with the same compiled code gives the same manifest but for its metadata: when the file
 * is still the one written from them, only its metadata is replaced, instead of serialising every node again.
 */
export function writeManifest(manifest: Manifest, invocationId: string, compiled: Map<string, string> = new Map()): void {
  writeManifestFile(manifest, invocationId, compiled, true);
}

/** writeManifest for `docs generate`, which needs the manifest as an object: built and written whole. */
export function writeManifestArtifact(manifest: Manifest, invocationId: string, compiled: Map<string, string>): Record<string, unknown> {
  return writeManifestFile(manifest, invocationId, compiled, false)!;
}

/** Writes manifest.json, reusing the file's body when `reuse` allows and it can; returns the manifest when built. */
function writeManifestFile(manifest: Manifest, invocationId: string, compiled: Map<string, string>, reuse: boolean): Record<string, unknown> | undefined {
  const file = targetFile(manifest, 'manifest.json');
  const metadata = artifactMetadata(manifest, 'manifest', 12, invocationId);
  // `{"metadata":...`, as writeJsonFile begins the file: the rest follows from the first key after it.
  const head = Buffer.from(`{"metadata":${JSON.stringify(metadata)}`);
  const source = sourceOf(manifest, compiled);
  const written = reuse && source !== undefined ? writtenFrom(file, source) : undefined;
  let body: Record<string, unknown> | undefined;
  if (written) writeFileSync(file, Buffer.concat([head, written]));
  else writeJsonFile(file, (body = manifestArtifact(manifest, metadata, compiled)));
  stampManifest(file, source, head.length);
  return body;
}

const stampFileOf = (file: string) => path.join(path.dirname(file), '.tsdbt', 'manifest-json.json');

function sourceOf(manifest: Manifest, compiled: Map<string, string>): string | undefined {
  if (manifest.parseId === undefined) return undefined;
  const digest = createHash('sha1');
  for (const [id, sql] of compiled) digest.update(`${id}\0${sql}\0`);
  return `${manifest.parseId}:${compiled.size}:${digest.digest('base64')}`;
}

function stampManifest(file: string, source: string | undefined, bodyAt: number): void {
  const stampFile = stampFileOf(file);
  try {
    if (source === undefined) {
      rmSync(stampFile, { force: true });
      return;
    }
    const { size, mtimeMs } = statSync(file);
    mkdirSync(path.dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, JSON.stringify({ source, bodyAt, size, mtimeMs } satisfies ManifestStamp));
  } catch {
    // Without the stamp the next invocation writes the whole manifest again.
  }
}

/** The part after the metadata of target/manifest.json, when it is still the file last written from `source`. */
function writtenFrom(file: string, source: string): Buffer | undefined {
  try {
    const stamp = JSON.parse(readFileSync(stampFileOf(file), 'utf8')) as ManifestStamp;
    if (stamp.source !== source) return undefined;
    const { size, mtimeMs } = statSync(file);
    if (size !== stamp.size || mtimeMs !== stamp.mtimeMs) return undefined;
    const body = readFileSync(file).subarray(stamp.bodyAt);
    return body.subarray(0, 9).toString() === ',"nodes":' ? body : undefined;
  } catch {
    return undefined;
  }
}

function manifestArtifact(manifest: Manifest, metadata: Record<string, unknown>, compiled: Map<string, string>): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const unitTests: Record<string, unknown> = {};
  for (const node of manifest.nodes.values())
    (node.resourceType === 'unit_test' ? unitTests : nodes)[node.uniqueId] = nodeDict(node, { compiledCode: compiled.get(node.uniqueId) });
  const sources: Record<string, unknown> = {};
  for (const s of manifest.sources.values()) sources[s.uniqueId] = sourceDict(s);
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
  const exposures: Record<string, unknown> = {};
  for (const e of manifest.exposures?.values() ?? []) {
    exposures[e.uniqueId] = exposureDict(e);
    parentMap[e.uniqueId] = [...e.dependsOn].sort();
    childMap[e.uniqueId] = [];
    for (const parent of e.dependsOn) childMap[parent] = [...(childMap[parent] ?? []), e.uniqueId].sort();
  }
  const layer = manifest.semanticLayer;
  const semanticEntries = (resources: Map<string, SemanticResource> | undefined): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const r of resources?.values() ?? []) {
      out[r.uniqueId] = semanticDict(r);
      parentMap[r.uniqueId] = [...r.dependsOn].sort();
      childMap[r.uniqueId] = childMap[r.uniqueId] ?? [];
      for (const parent of r.dependsOn) childMap[parent] = [...(childMap[parent] ?? []), r.uniqueId].sort();
    }
    return out;
  };
  const semanticModels = semanticEntries(layer?.semanticModels);
  const metrics = semanticEntries(layer?.metrics);
  const savedQueries = semanticEntries(layer?.savedQueries);
  const groups: Record<string, unknown> = {};
  for (const g of manifest.groups?.values() ?? []) groups[g.uniqueId] = groupDict(g);
  const groupMap = membersByGroup(manifest, [...Object.values(metrics), ...Object.values(semanticModels), ...Object.values(savedQueries)]);
  const disabled: Record<string, unknown[]> = {};
  for (const [id, list] of manifest.disabled) disabled[id] = list.map((n) => nodeDict(n));
  return {
    metadata,
    nodes,
    sources,
    macros,
    docs,
    exposures,
    metrics,
    groups,
    selectors: {},
    disabled,
    parent_map: parentMap,
    child_map: childMap,
    group_map: groupMap,
    saved_queries: savedQueries,
    semantic_models: semanticModels,
    unit_tests: unitTests,
  };
}

/** dbt's `group_map`: every declared group's name, with the nodes, metrics, semantic models and saved queries in it. */
function membersByGroup(manifest: Manifest, semanticEntries: unknown[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of manifest.groups?.values() ?? []) map[group.name] = [];
  const add = (group: unknown, uniqueId: string) => {
    if (typeof group === 'string' && map[group]) map[group].push(uniqueId);
  };
  for (const node of manifest.nodes.values()) if (node.resourceType !== 'unit_test') add(node.config.group, node.uniqueId);
  for (const entry of semanticEntries as Record<string, unknown>[])
    add((entry.config as { group?: unknown } | undefined)?.group ?? entry.group, String(entry.unique_id));
  return map;
}

/** Batch windows as dbt serialises its datetimes: `2024-09-17T00:00:00Z`. */
function isoWindows(windows: [Date, Date][]): string[][] {
  return windows.map((window) => window.map((time) => time.toISOString().replace('.000Z', 'Z')));
}

/** One node's result as dbt serialises it: an entry of run_results.json. */
function runResultDict(r: NodeResult): Record<string, unknown> {
  return {
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
    batch_results: r.batchResults ? { successful: isoWindows(r.batchResults.successful), failed: isoWindows(r.batchResults.failed) } : null,
  };
}

/** target/run_results.json in dbt's shape. */
export function writeRunResults(manifest: Manifest, invocationId: string, results: NodeResult[], elapsed: number, args: Record<string, unknown>): void {
  const body = {
    metadata: artifactMetadata(manifest, 'run-results', 6, invocationId),
    results: results.map(runResultDict),
    elapsed_time: elapsed,
    args,
  };
  writeFileSync(targetFile(manifest, 'run_results.json'), JSON.stringify(body, null, 2));
}
