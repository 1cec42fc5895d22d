import type { Dialect, QueryResult } from '../adapters/adapter';
import { dialectFor } from '../adapters/dialects';
import { ProjectError } from '../errors';
import { toQueryTable, type QueryTable } from '../jinja/query-table';
import { Relation } from '../jinja/relation';
import type { RenderScope } from '../jinja/scope';
import { nodeDict } from '../parse/node-dict';
import type { Manifest } from '../parse/manifest';
import { mergeConfig } from '../project/config';
import type { ModelVersionId, Node, NodeConfig } from '../project/types';
import { refLookupOf, type RefTarget } from '../parse/ref-lookup';
import type { Deferral } from '../state/defer';
import { findSource } from '../parse/sources';
import { eventTimeFiltered, isMicrobatch, type Batch } from '../plan/microbatch';
import { ClockReadings } from '../jinja/clock-readings';
import { QueryAnswers } from '../jinja/query-answers';
import { PyDateTime, UTC } from '../jinja/python-datetime';

/** The batch of a microbatch model being rendered: its window, and whether it applies to an existing table. */
export interface BatchRender {
  batch: Batch;
  incremental: boolean;
}

export interface CompileFlags {
  fullRefresh: boolean;
  /** --empty: refs and sources become empty selects of the same columns. */
  empty: boolean;
  /** --defer: refs to unselected nodes may read the previous run's relations. */
  defer?: Deferral;
}

const HOOK_KEYS: Record<string, string> = { pre_hook: 'pre-hook', 'pre-hook': 'pre-hook', post_hook: 'post-hook', 'post-hook': 'post-hook' };

/** Where relations live: the relation a ref to `node` renders as. */
export function relationOf(node: Node): Relation {
  if (node.config.materialized === 'ephemeral') return new Relation(null, null, `__dbt__cte__${node.name}`, 'cte', undefined, `__dbt__cte__${node.name}`);
  const kind = node.config.materialized === 'view' ? 'view' : 'table';
  return new Relation(node.database, node.schema, node.alias, kind);
}

/**
 * The scope of an execute-time render: refs resolve to real relations, ephemeral refs are recorded for CTE injection,
 * and queries are answered from `answers` (filled by the compiler between render passes).
 */
export class CompileScope implements RenderScope {
  readonly execute = true;
  /** The output depends on the database, the environment, the clock or the graph: never reuse it. */
  volatile = false;
  readonly ephemeralRefs = new Set<string>();
  config: NodeConfig;
  /** The answer of this pass's next query, when an earlier pass asked it. */
  private readonly answer: (sql: string) => QueryResult | undefined;
  /** Log lines (log, print, exceptions.warn) this pass reached. */
  logCalls = 0;
  private clockReads = 0;
  private modelDict?: { config: NodeConfig; dict: Record<string, unknown> };
  /** Set while one batch of a microbatch model renders: its refs read only that batch's window. */
  batch?: BatchRender;
  /**
   * Set while a node renders ahead of its turn (see Compiler.prepare): the render stops where it would ask the
   * database, read the clock or print, so that those happen in the node's turn as they would without it.
   */
  ahead = false;

  constructor(
    private readonly manifest: Manifest,
    readonly node: Node,
    private readonly flags: CompileFlags,
    answers: QueryAnswers,
    protected readonly abortForQuery: (sql: string) => never,
    /** Log lines the previous passes printed: this pass reaches them again and stays silent. */
    private readonly logsShown = 0,
    /** The times the previous passes read: this pass reads them again. */
    private readonly clock = new ClockReadings(),
  ) {
    this.config = node.config;
    this.answer = answers.pass();
  }

  get packageName(): string {
    return this.node.packageName;
  }

  private get dialect(): Dialect {
    return dialectFor(this.manifest.target.type);
  }

  get file(): string {
    return this.node.originalFilePath;
  }

  ref(name: string, packageOrVersion?: unknown, version?: unknown): Relation {
    const target: RefTarget = packageOrVersion === undefined || packageOrVersion === null ? { name } : { name: String(packageOrVersion), package: name };
    if (version !== undefined && version !== null) target.version = version as ModelVersionId;
    const parent = refLookupOf(this.manifest.nodes, this.manifest.project.name).find(target, this.node.packageName);
    if (!parent) {
      throw new ProjectError(
        `ref('${target.name}') is not a dependency known at parse time`,
        { file: this.file },
        'refs must be visible when the file is parsed; avoid computing ref names from query results',
      );
    }
    let relation = relationOf(parent);
    if (relation.is_cte) {
      this.ephemeralRefs.add(parent.uniqueId);
      return relation;
    }
    relation = this.deferred(parent, relation) ?? relation;
    relation = this.inBatchWindow(relation, parent.config.event_time);
    return this.flags.empty ? emptyOf(relation) : relation;
  }

  /** As dbt: a microbatch model's batch reads an upstream node that has an `event_time` through the batch's window. */
  private inBatchWindow(relation: Relation, eventTime: unknown): Relation {
    if (!this.batch || typeof eventTime !== 'string' || !eventTime || !isMicrobatch(this.config)) return relation;
    const filtered = eventTimeFiltered(relation.render(), relation.identifier, eventTime, this.batch.batch);
    return new Relation(relation.database, relation.schema, relation.identifier, relation.type, undefined, filtered);
  }

  /** With --defer, the previous run's relation of an unselected parent the current target does not have. */
  private deferred(parent: Node, relation: Relation): Relation | undefined {
    const defer = this.flags.defer;
    if (!defer || defer.selected.has(parent.uniqueId)) return undefined;
    const stateRelation = defer.stateRelation(parent.uniqueId);
    if (!stateRelation || defer.favorState) return stateRelation;
    const found = this.runQuery(this.dialect.findRelationSql(relation.toName()));
    return found.length > 0 ? undefined : stateRelation;
  }

  source(sourceName: string, tableName: string): Relation {
    const source = findSource(this.manifest, sourceName, tableName, this.node.packageName);
    if (!source) throw new ProjectError(`source('${sourceName}', '${tableName}') was not found`, { file: this.file });
    const relation = source.externalLocation
      ? new Relation(source.database, source.schema, source.identifier, 'external', undefined, source.externalLocation)
      : new Relation(source.database, source.schema, source.identifier, 'table');
    const filtered = this.inBatchWindow(relation, source.config?.event_time);
    return this.flags.empty ? emptyOf(filtered) : filtered;
  }

  /**
   * The node's config already holds what its own config() calls set at parse time; hooks accumulate, so re-applying
   * them here must not run each hook twice.
   */
  setConfig(values: Record<string, unknown>): void {
    const fresh: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const hookKey = HOOK_KEYS[key];
      if (!hookKey) {
        fresh[key] = value;
        continue;
      }
      const known = new Set(((this.config[hookKey] as unknown[] | undefined) ?? []).map((h) => JSON.stringify(h)));
      fresh[key] = (Array.isArray(value) ? value : [value]).filter((h) => !known.has(JSON.stringify(h)));
    }
    this.config = mergeConfig(this.config, fresh);
  }

  getConfig(key: string): unknown {
    return this.config[key];
  }

  get thisRelation(): Relation {
    return relationOf(this.node);
  }

  /** Rebuilt only when the node's own `config()` calls changed its config. */
  get model(): Record<string, unknown> {
    if (this.modelDict?.config !== this.config) {
      const dict = nodeDict(this.node, { config: this.config });
      if (this.batch) dict.batch = batchDict(this.batch.batch);
      this.modelDict = { config: this.config, dict };
    }
    return this.modelDict.dict;
  }

  isIncremental(): boolean {
    if (this.config.materialized !== 'incremental') return false;
    // dbt decides once per batch: the first applies to the table only if it exists; the others always do.
    if (this.batch) return this.batch.incremental;
    const fullRefresh = this.config.full_refresh ?? this.flags.fullRefresh;
    if (fullRefresh === true) return false;
    const rows = this.runQuery(this.dialect.findRelationSql(relationOf(this.node).toName()));
    return rows.length > 0 && rows[0][0] === 'table';
  }

  now(): PyDateTime {
    this.stopIfAhead();
    this.volatile = true;
    return this.clock.at(this.clockReads++);
  }

  replaysLog(): boolean {
    return ++this.logCalls <= this.logsShown;
  }

  beforeOutput(): void {
    this.stopIfAhead();
  }

  noteVolatile(): void {
    this.volatile = true;
  }

  private stopIfAhead(): void {
    if (this.ahead) throw new NotAheadOfTurn();
  }

  runQuery(sql: string): QueryTable {
    this.stopIfAhead();
    this.volatile = true;
    const answer = this.answer(sql);
    if (!answer) this.abortForQuery(sql);
    return toQueryTable(answer);
  }
}

/** Ends a render done ahead of its turn where it reaches outside the project; the node renders again in its turn. */
class NotAheadOfTurn extends Error {
  constructor() {
    super('this render asks the database, the clock or the console: it waits for its turn');
  }
}

/** dbt's `model.batch`: the batch id and its window as aware UTC datetimes. */
function batchDict(batch: Batch): Record<string, unknown> {
  return { id: batch.id, event_time_start: new PyDateTime(batch.start, 0, UTC), event_time_end: new PyDateTime(batch.end, 0, UTC) };
}

function emptyOf(relation: Relation): Relation {
  return new Relation(
    relation.database,
    relation.schema,
    relation.identifier,
    relation.type,
    undefined,
    `(select * from ${relation.render()} where false limit 0)`,
  );
}
