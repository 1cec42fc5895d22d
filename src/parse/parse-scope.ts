import { mergeConfig } from '../project/config';
import type { Node, NodeConfig } from '../project/types';
import { Relation } from '../jinja/relation';
import type { RenderScope } from '../jinja/scope';
import { nodeDict } from './node-dict';

/**
 * The scope of a parse-time render (`execute` is false): ref/source/config calls are recorded, relations are
 * placeholders, queries return nothing, as in dbt's parse.
 */
export class ParseScope implements RenderScope {
  readonly execute = false;
  config: NodeConfig;
  private modelDict?: { config: NodeConfig; dict: Record<string, unknown> };
  /** What `config(...)` calls set, in order, so that a cached parse can replay them. */
  readonly configCalls: Record<string, unknown>[] = [];
  volatile = false;

  constructor(
    readonly node: Node,
    private readonly database: string,
    private readonly schema: string,
  ) {
    this.config = node.config;
  }

  get packageName(): string {
    return this.node.packageName;
  }

  get file(): string {
    return this.node.originalFilePath;
  }

  ref(name: string, packageOrVersion?: unknown, version?: unknown): Relation {
    const call = packageOrVersion === undefined || packageOrVersion === null ? { name } : { name: String(packageOrVersion), package: name };
    // ref('package', 'model'): the model is the second argument.
    this.node.refs.push(version !== undefined ? { ...call, version: version as string } : call);
    return new Relation(this.database, this.schema, call.name);
  }

  source(sourceName: string, tableName: string): Relation {
    this.node.sourceCalls.push([String(sourceName), String(tableName)]);
    return new Relation(this.database, String(sourceName), String(tableName));
  }

  setConfig(values: Record<string, unknown>): void {
    this.configCalls.push(values);
    this.config = mergeConfig(this.config, values);
  }

  noteVolatile(): void {
    this.volatile = true;
  }

  /** As dbt's parse-time config.get and config.require: '' whatever is set (packages test it to skip work while parsing). */
  getConfig(): unknown {
    return '';
  }

  get thisRelation(): Relation {
    return new Relation(this.database, this.schema, this.node.name);
  }

  /** Rebuilt only when the node's own `config()` calls changed its config. */
  get model(): Record<string, unknown> {
    if (this.modelDict?.config !== this.config) this.modelDict = { config: this.config, dict: nodeDict(this.node, { config: this.config }) };
    return this.modelDict.dict;
  }

  isIncremental(): boolean {
    return false;
  }

  runQuery(): null {
    return null;
  }

  usedMacro(uniqueId: string): void {
    if (!this.node.dependsOn.macros.includes(uniqueId)) this.node.dependsOn.macros.push(uniqueId);
  }
}
