import type { Adapter, Connection, Relation as WarehouseRelation, RelationType } from '../adapters/adapter';
import { WarehouseError } from '../adapters/adapter';
import { hooksOf, type Compiler, type CompiledNode, type HookKey } from '../compile/compiler';
import { ProjectError, TsdbtError } from '../errors';
import type { Manifest } from '../parse/manifest';
import { incrementalStatements, incrementalStrategy } from '../plan/incremental';
import { buildMethod, replaceRelation, tempRelationOf, type ReplaceContext } from '../plan/materialize';
import { RelationCatalog } from './catalog';
import { columnCommentStatements, persistsColumnDocs, relationCommentStatements } from '../plan/persist-docs';
import { testResultQuery } from '../plan/test-query';
import { testVerdict } from '../plan/test-status';
import type { Node, NodeConfig } from '../project/types';
import { loadSeed } from '../seeds';
import { sqlFiles } from '../report/sql-files';
import type { BatchEvent, NodeResult } from './results';
import { inCompiledLines } from './sql-error-lines';
import { requireOneStatement } from './one-statement';
import { MaterializationMacros, runMaterialization, type MaterializationMacro } from './materialization-runner';
import { runSnapshot } from './snapshot-runner';
import { hasHooks, runHooks } from './node-hooks';
import { runUnitTest } from '../unit-tests/run-unit-test';
import type { BatchRender } from '../compile/compile-scope';
import { batchesOf, isMicrobatch, microbatchConfig, planBatches, type Batch } from '../plan/microbatch';
import { runBatches, type BatchSteps } from './microbatch-runner';

export interface RunFlags {
  fullRefresh: boolean;
  storeFailures: boolean;
  /** --event-time-start / --event-time-end: the window microbatch models build. */
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  /** `retry`: the batches of microbatch models that failed in the previous run, by unique id. */
  failedBatches?: Map<string, [Date, Date][]>;
}

/** Compiles and executes one node on one connection, returning its result (never throwing for node failures). */
export class NodeRunner {
  private readonly runStarted = new Date();
  private readonly catalog = new RelationCatalog();
  private readonly started = new Set<string>();
  private readonly materializations: MaterializationMacros;

  constructor(
    private readonly manifest: Manifest,
    private readonly adapter: Adapter,
    private readonly compiler: Compiler,
    private readonly flags: RunFlags,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly onBatch: (event: BatchEvent) => void = () => undefined,
  ) {
    this.materializations = new MaterializationMacros(compiler.project, warn);
  }

  /**
   * Creates every schema the nodes build in, once, before any node runs (dbt's create_schemas): concurrent nodes
   * creating the same schema in their own transactions would conflict.
   */
  async createSchemas(nodes: Node[]): Promise<void> {
    const schemas = new Map<string, WarehouseRelation>();
    for (const node of nodes) {
      const relation = this.relationBuilt(node);
      if (relation) schemas.set(`${relation.database.toLowerCase()}\0${relation.schema.toLowerCase()}`, relation);
    }
    if (schemas.size === 0) return;
    await this.withConnection(async (conn) => {
      for (const { database, schema } of schemas.values()) {
        await conn.execute(this.adapter.dialect.createSchema(database, schema));
        this.catalog.schemaCreated(database, schema);
      }
    });
  }

  /** The relation a node writes, if any: a test only when it stores its failures. */
  private relationBuilt(node: Node): WarehouseRelation | undefined {
    switch (node.resourceType) {
      case 'seed':
      case 'snapshot':
        return warehouseRelation(node);
      case 'model':
        return node.config.materialized === 'ephemeral' ? undefined : warehouseRelation(node);
      case 'test':
        return (node.config.store_failures ?? this.flags.storeFailures) ? this.auditRelation(node) : undefined;
      default:
        return undefined;
    }
  }

  private auditRelation(node: Node): WarehouseRelation {
    return { database: node.database, schema: `${this.manifest.target.schema}_dbt_test__audit`, identifier: node.alias };
  }

  /** Renders a node that will run later while the warehouse is busy (see Compiler.prepare). */
  prepare(node: Node): void {
    if (compilesWhole(node) && !this.started.has(node.uniqueId)) this.compiler.prepare(node);
  }

  async run(node: Node): Promise<NodeResult> {
    this.started.add(node.uniqueId);
    const started = new Date();
    const timing: NodeResult['timing'] = [];
    let compiled: CompiledNode | undefined;
    const base = { uniqueId: node.uniqueId, failures: null, adapterResponse: {}, timing };
    try {
      if (node.resourceType === 'model' && isMicrobatch(node.config)) return { ...base, ...(await this.runMicrobatch(node)), executionTime: seconds(started) };
      // Every node has its compile step timed, as in dbt (packages read results' timing by step name).
      const compileStart = new Date();
      if (compilesWhole(node)) {
        compiled = await this.compiler.compile(node);
        this.write('compiled', node, compiled.sql);
      }
      timing.push({ name: 'compile', started_at: compileStart.toISOString(), completed_at: new Date().toISOString() });
      const executeStart = new Date();
      const outcome = await this.withConnection((conn) => this.execute(node, compiled, conn));
      timing.push({ name: 'execute', started_at: executeStart.toISOString(), completed_at: new Date().toISOString() });
      return {
        ...base,
        ...outcome,
        executionTime: seconds(started),
        compiledCode: compiled?.sql,
        compiledPath: this.compiledPathFor(node),
        relationName: relationNameOf(node),
      };
    } catch (error) {
      return {
        ...base,
        status: 'error',
        message: this.describeError(error, node),
        executionTime: seconds(started),
        compiledCode: compiled?.sql,
        compiledPath: compiled ? this.compiledPathFor(node) : undefined,
      };
    }
  }

  private async withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await this.adapter.acquire();
    try {
      return await fn(conn);
    } finally {
      this.adapter.release(conn);
    }
  }

  private async execute(
    node: Node,
    compiled: CompiledNode | undefined,
    conn: Connection,
  ): Promise<Pick<NodeResult, 'status' | 'message' | 'failures' | 'adapterResponse'>> {
    if (node.language === 'python') {
      throw new ProjectError(
        `Python model ${node.name} cannot be built: tsdbt runs SQL models only`,
        { file: node.originalFilePath, line: 1 },
        'rewrite it in SQL, disable it (enabled: false), or leave it out with --exclude; the models built from it are skipped',
      );
    }
    if (compiled && compiled.config.materialized !== 'ephemeral') {
      await requireOneStatement(conn, compiled.sql, { resourceType: node.resourceType, name: node.name, file: node.originalFilePath });
    }
    switch (node.resourceType) {
      case 'seed':
        return this.withHooks(node, node.config, conn, () => this.loadSeed(node, conn));
      case 'test':
        return this.runTest(node, compiled!, conn);
      case 'unit_test':
        return { ...(await runUnitTest(this.compiler.project, conn, node)), adapterResponse: { _message: 'OK' } };
      case 'snapshot':
        return this.withHooks(node, compiled!.config, conn, async () => {
          const statements = await runSnapshot(conn, this.adapter.dialect, warehouseRelation(node), compiled!.sql, compiled!.config, this.runStarted);
          this.write('run', node, statements.join(';\n') + ';\n');
          return { status: 'success' as const, message: 'OK', failures: null, adapterResponse: { _message: 'OK' } };
        });
      default:
        return this.materialize(node, compiled!, conn);
    }
  }

  /** Seeds and snapshots commit their own work: their hooks run before and after it. */
  private async withHooks<T>(node: Node, config: NodeConfig, conn: Connection, body: () => Promise<T>): Promise<T> {
    if (!hasHooks(config)) return body();
    const hooks = (key: HookKey, inside: boolean) => runHooks(this.compiler, conn, node, config, key, inside);
    await hooks('pre-hook', false);
    await hooks('pre-hook', true);
    const result = await body();
    await hooks('post-hook', true);
    await hooks('post-hook', false);
    this.catalog.forget(warehouseRelation(node));
    return result;
  }

  private async loadSeed(node: Node, conn: Connection) {
    const config = node.config;
    const { rows, unmatchedColumnTypes } = await loadSeed(conn, this.adapter.dialect, {
      csvPath: node.seedFile!,
      relation: warehouseRelation(node),
      columnTypes: config.column_types as Record<string, string> | undefined,
      delimiter: config.delimiter as string | undefined,
      quoteColumns: config.quote_columns as boolean | undefined,
      csvOptions: config.csv_options as Record<string, unknown> | undefined,
      fileLabel: node.originalFilePath,
    });
    if (unmatchedColumnTypes.length > 0) {
      this.warn(
        `${node.originalFilePath}: column_types names ${unmatchedColumnTypes.map((c) => `'${c}'`).join(', ')}, which ${unmatchedColumnTypes.length === 1 ? 'is not a column' : 'are not columns'} of seed ${node.name}; check the spelling against the CSV header`,
      );
    }
    return { status: 'success' as const, message: `INSERT ${rows}`, failures: null, adapterResponse: { _message: `INSERT ${rows}`, rows_affected: rows } };
  }

  /** Plans a microbatch model's batches, then compiles and builds them one by one. */
  private async runMicrobatch(node: Node): Promise<Pick<NodeResult, 'status' | 'message' | 'compiledCode' | 'compiledPath' | 'relationName' | 'batchResults'>> {
    const config = microbatchConfig(node.config, { ...plannedNode(node), sql: node.rawCode });
    const existing = await this.withConnection((conn) => this.catalog.typeOf(conn, warehouseRelation(node)));
    const incremental = buildMethod(node.config, existing, this.flags.fullRefresh, plannedNode(node)).kind === 'incremental';
    const { eventTimeStart, eventTimeEnd } = this.flags;
    const failed = this.flags.failedBatches?.get(node.uniqueId);
    const batches = failed ? batchesOf(failed, config.batchSize) : planBatches(config, incremental, { eventTimeStart, eventTimeEnd, now: this.runStarted });
    let lastCompiled: string | undefined;
    const steps: BatchSteps = {
      compile: async (render) => {
        const compiled = await this.compiler.compile(node, render);
        this.write('compiled', node, compiled.sql, render.batch.label);
        lastCompiled = render.batch.label;
        return compiled;
      },
      apply: (compiled, render) =>
        this.withConnection(async (conn) => {
          await requireOneStatement(conn, compiled.sql, { resourceType: node.resourceType, name: node.name, file: node.originalFilePath });
          await this.materialize(node, compiled, conn, { ...render, eventTime: config.eventTime });
        }),
      describeError: (error, batch) => this.describeError(error, node, batch.label),
      started: (batch, index, total) => this.onBatch({ node, batch, index, total, phase: 'start' }),
      finished: (batch, index, total, status, took, error) => this.onBatch({ node, batch, index, total, phase: 'result', status, seconds: took, error }),
    };
    const outcome = await runBatches(batches, incremental, steps);
    const compiledPath = lastCompiled && this.compiledPathFor(node, lastCompiled);
    return { ...outcome, compiledPath, relationName: relationNameOf(node) };
  }

  private async materialize(node: Node, compiled: CompiledNode, conn: Connection, batch?: BatchRender & { eventTime: string }) {
    const macro = batch ? undefined : this.materializations.find(String(compiled.config.materialized ?? 'view'));
    if (macro) return this.runMaterializationMacro(node, compiled, conn, macro);
    const dialect = this.adapter.dialect;
    const target = warehouseRelation(node);
    const context = await this.replaceContext(conn, target);
    // A microbatch model's first batch creates its table unless it applies to an existing one; the others add to it.
    const method = batch
      ? batch.incremental
        ? ({ kind: 'incremental' } as const)
        : ({ kind: 'replace', relationType: 'table' } as const)
      : buildMethod(compiled.config, context.existing, this.flags.fullRefresh, plannedNode(node));
    if (method.kind === 'none') return { status: 'success' as const, message: 'OK', failures: null, adapterResponse: {} };
    const kind = method.kind === 'replace' ? method.relationType : 'table';
    const statements: string[] = [];
    if (method.kind === 'incremental') statements.push(...(await this.incrementalStatements(node, compiled, conn, target, batch)));
    else statements.push(...replaceRelation(dialect, target, compiled.sql, kind, context));
    statements.push(...relationCommentStatements(dialect, node, compiled.config, target, kind));
    const columnComments = persistsColumnDocs(node, compiled.config) ? [() => this.commentOnColumns(conn, node, target)] : [];
    const hooks = (key: HookKey, inside: boolean) => () => runHooks(this.compiler, conn, node, compiled.config, key, inside);
    const hooksInside = (key: HookKey) => (hooksOf(compiled.config, key).some((hook) => hook.transaction) ? [hooks(key, true)] : []);
    const ran: string[] = [];
    try {
      ran.push(...(await hooks('pre-hook', false)()));
      await this.inTransaction(conn, [...hooksInside('pre-hook'), ...statements, ...columnComments, ...hooksInside('post-hook')], compiled.sql, ran);
      ran.push(...(await hooks('post-hook', false)()));
    } catch (error) {
      // An incremental run builds its new rows outside the transaction: do not leave them behind.
      await conn.execute(dialect.drop(tempRelationOf(target), 'table')).catch(() => undefined);
      this.catalog.forget(target);
      throw error;
    } finally {
      this.write('run', node, ran.join(';\n') + ';\n', batch?.batch.label);
    }
    await this.recordReplaced(conn, target, kind, hasHooks(compiled.config));
    return { status: 'success' as const, message: 'OK', failures: null, adapterResponse: { _message: 'OK' } };
  }

  /** A `{% materialization %}` block builds the node; what it built may be anything, so the catalog reads it again. */
  private async runMaterializationMacro(node: Node, compiled: CompiledNode, conn: Connection, macro: MaterializationMacro) {
    const ran: string[] = [];
    try {
      const { response, relations } = await runMaterialization(this.compiler, conn, node, compiled, macro, {
        dialect: this.adapter.dialect,
        warn: this.warn,
        ran,
      });
      for (const relation of relations) this.catalog.forget(relation);
      return { status: 'success' as const, message: String(response._message), failures: null, adapterResponse: response };
    } finally {
      this.catalog.forget(warehouseRelation(node));
      this.write('run', node, ran.join(';\n') + ';\n');
    }
  }

  /** What the catalog holds around `target` before it is replaced. */
  private async replaceContext(conn: Connection, target: WarehouseRelation): Promise<ReplaceContext> {
    return {
      existing: await this.catalog.typeOf(conn, target),
      leftoverTemp: await this.catalog.typeOf(conn, tempRelationOf(target)),
      schemaExists: await this.catalog.schemaKnown(conn, target.database, target.schema),
    };
  }

  /** After a committed replacement; hooks may have changed anything, so their schema is read again next time. */
  private async recordReplaced(conn: Connection, target: WarehouseRelation, kind: RelationType, ranHooks: boolean): Promise<void> {
    if (ranHooks) {
      this.catalog.forget(target);
      return;
    }
    await this.catalog.record(conn, target, kind);
    await this.catalog.record(conn, tempRelationOf(target), null);
  }

  /** Stages the new rows, reads both column lists, and returns the plan's statements. */
  private async incrementalStatements(
    node: Node,
    compiled: CompiledNode,
    conn: Connection,
    target: WarehouseRelation,
    batch?: { batch: Batch; eventTime: string },
  ): Promise<string[]> {
    const dialect = this.adapter.dialect;
    incrementalStrategy(compiled.config, plannedNode(node));
    const staging = tempRelationOf(target);
    await this.inTransaction(conn, [dialect.drop(staging, 'table'), dialect.createTableAs(staging, compiled.sql)], compiled.sql);
    const [targetColumns, newColumns] = await Promise.all([conn.getColumns(target), conn.getColumns(staging)]);
    return incrementalStatements(dialect, target, staging, { node: plannedNode(node), config: compiled.config, targetColumns, newColumns, batch });
  }

  private async runTest(node: Node, compiled: CompiledNode, conn: Connection) {
    const config = compiled.config;
    const statements: string[] = [];
    if (config.store_failures ?? this.flags.storeFailures) {
      const audit = this.auditRelation(node);
      statements.push(...replaceRelation(this.adapter.dialect, audit, compiled.sql, 'table', await this.replaceContext(conn, audit)));
      await this.inTransaction(conn, statements, compiled.sql).catch((error) => {
        this.catalog.forget(audit);
        throw error;
      });
      await this.recordReplaced(conn, audit, 'table', false);
    }
    const query = testResultQuery(compiled.sql, config);
    this.write('run', node, query);
    const result = await conn.query(query).catch((error) => {
      throw inCompiledLines(error, query, compiled.sql);
    });
    return { ...testVerdict(result.rows[0] ?? {}, config), adapterResponse: { _message: 'OK' } };
  }

  /** Comments on the columns the relation has (persist_docs), after it is built. */
  private async commentOnColumns(conn: Connection, node: Node, target: WarehouseRelation): Promise<string[]> {
    const existing = (await conn.getColumns(target)).map((column) => column.name);
    const statements = columnCommentStatements(this.adapter.dialect, node, target, existing);
    for (const sql of statements) await conn.execute(sql);
    return statements;
  }

  /**
   * Runs `steps` in one transaction, adding what ran to `ran`. A step is a statement, or hooks, which are rendered
   * only when reached and run themselves. Without hooks the statements go to the warehouse in one call.
   */
  private async inTransaction(conn: Connection, steps: (string | (() => Promise<string[]>))[], compiledSql: string, ran: string[] = []): Promise<void> {
    if (steps.every((step): step is string => typeof step === 'string')) {
      ran.push(...steps);
      await conn.transaction(steps).catch((error) => {
        const failing = error instanceof WarehouseError && error.statement !== undefined ? steps[error.statement] : undefined;
        throw failing === undefined ? error : inCompiledLines(error, failing, compiledSql);
      });
      return;
    }
    await conn.begin();
    let current = '';
    try {
      for (const step of steps) {
        if (typeof step !== 'string') {
          current = '';
          ran.push(...(await step()));
          continue;
        }
        current = step;
        await conn.execute(step);
        ran.push(step);
      }
      await conn.commit();
    } catch (error) {
      await conn.rollback().catch(() => undefined);
      throw inCompiledLines(error, current, compiledSql);
    }
  }

  private compiledPathFor(node: Node, split?: string): string {
    return sqlFiles(this.manifest).relativePath('compiled', node, split);
  }

  private write(kind: 'compiled' | 'run', node: Node, sql: string, split?: string): void {
    sqlFiles(this.manifest).write(kind, node, sql, split);
  }

  private describeError(error: unknown, node: Node, split?: string): string {
    if (error instanceof WarehouseError) {
      const location = error.line !== undefined ? ` (line ${error.line} of the compiled SQL)` : '';
      return `${error.message.split('\n')[0]}${location}\n  compiled SQL: ${this.compiledPathFor(node, split)}${error.message.includes('\n') ? '\n  ' + error.message.split('\n').slice(1).join('\n  ') : ''}`;
    }
    if (error instanceof TsdbtError) return error.describe();
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether a node's run starts by compiling it as a whole: seeds have nothing to compile, a unit test compiles its model
 * over its own inputs, a microbatch model compiles batch by batch.
 */
function compilesWhole(node: Node): boolean {
  if (node.resourceType === 'seed' || node.resourceType === 'unit_test') return false;
  return !(node.resourceType === 'model' && isMicrobatch(node.config));
}

function seconds(started: Date): number {
  return (Date.now() - started.getTime()) / 1000;
}

function plannedNode(node: Node): { name: string; file: string } {
  return { name: node.name, file: node.originalFilePath };
}

export function warehouseRelation(node: Node): WarehouseRelation {
  return { database: node.database, schema: node.schema, identifier: node.alias };
}

export function relationNameOf(node: Node): string | undefined {
  if (node.resourceType === 'test' || node.resourceType === 'unit_test' || node.config.materialized === 'ephemeral') return undefined;
  return `"${node.database}"."${node.schema}"."${node.alias}"`;
}
