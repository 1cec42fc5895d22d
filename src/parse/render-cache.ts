import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiskCache, compilerFingerprint } from '../jinja/template-cache';
import type { Node, NodeConfig, RefCall } from '../project/types';
import { stableJson } from '../state/checksum';
import { tsdbtVersion } from '../version';
import type { ProjectFile } from '../project/project-file';
import type { Target } from '../project/profile';
import type { MacroDef, SourceTable } from '../project/types';

/** What a parse-time render of a template learned: enough to rebuild the node without rendering it again. */
export interface ParseRecord {
  configCalls: Record<string, unknown>[];
  refs: RefCall[];
  sourceCalls: [string, string][];
  macros: string[];
}

/** What an execute-time render produced, before ephemeral models are injected. */
export interface CompileRecord {
  sql: string;
  config: NodeConfig;
  ephemeralRefs: string[];
}

/** A cache slot: its record from an earlier run, if any, and how to fill it. */
export interface CacheEntry<T> {
  record: T | undefined;
  store(record: T): void;
}

function entryOf<T>(cache: DiskCache<T>, key: string): CacheEntry<T> {
  return { record: cache.get(key), store: (record) => cache.set(key, record) };
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');

/**
 * Render results kept across runs in target/.tsdbt, so that parsing and compiling an unchanged project renders
 * nothing. An entry is reused only when the template, the node's inputs and everything a render could see are
 * unchanged: the project file, every macro, --vars, the target and tsdbt itself (the fingerprint), plus per node its
 * config, properties and the relations it refers to. Renders that asked the database, read the environment, the
 * clock or the graph are never cached.
 */
/** What the cache reads of the manifest: the project, target, macros and the relations nodes refer to. */
export interface RenderCacheInputs {
  project: ProjectFile;
  target: Target;
  macros: ReadonlyMap<string, MacroDef>;
  nodes: ReadonlyMap<string, Node>;
  sources: ReadonlyMap<string, SourceTable>;
}

export class RenderCache {
  private readonly parsed: DiskCache<ParseRecord>;
  private readonly compiled: DiskCache<CompileRecord>;

  constructor(
    private readonly manifest: RenderCacheInputs,
    cliVars: Record<string, unknown>,
  ) {
    const { project, target } = manifest;
    const macros = [...manifest.macros.values()]
      .map((m) => `${m.uniqueId}\0${m.macroSql ?? ''}`)
      .sort()
      .join('\0');
    const fingerprint = sha1(
      [
        tsdbtVersion(),
        compilerFingerprint(),
        readFileSync(path.join(project.rootDir, project.configFile), 'utf8'),
        macros,
        stableJson(cliVars),
        stableJson(target),
      ].join('\0'),
    );
    const folder = path.resolve(project.rootDir, project.targetPath, '.tsdbt');
    this.parsed = new DiskCache<ParseRecord>(path.join(folder, 'parse.json'), fingerprint);
    this.compiled = new DiskCache<CompileRecord>(path.join(folder, 'compile.json'), fingerprint);
  }

  /** Before the render: the node as files and configuration describe it. */
  private parseKey(node: Node): string {
    return sha1([node.uniqueId, node.originalFilePath, node.rawCode, stableJson(node.config)].join('\0'));
  }

  /** After parsing: the node with its properties, and where every relation it refers to lives. */
  private compileKey(node: Node, flags: string): string {
    const { nodes, sources } = this.manifest;
    const parents = node.dependsOn.nodes.map((id) => {
      const parent = nodes.get(id);
      if (parent) return [id, parent.database, parent.schema, parent.alias, parent.config.materialized];
      const source = sources.get(id);
      return [id, source?.database, source?.schema, source?.identifier, source?.externalLocation];
    });
    const self = [node.database, node.schema, node.alias, node.columns, node.description, node.testMetadata, node.attachedNode];
    return sha1([this.parseKey(node), stableJson(self), stableJson(parents), flags].join('\0'));
  }

  /** The stored parse of the node, and how to store one: the key is computed once for both. */
  parseEntry(node: Node): CacheEntry<ParseRecord> {
    return entryOf(this.parsed, this.parseKey(node));
  }

  compileEntry(node: Node, flags: string): CacheEntry<CompileRecord> {
    return entryOf(this.compiled, this.compileKey(node, flags));
  }

  save(): void {
    this.parsed.save();
    this.compiled.save();
  }
}
