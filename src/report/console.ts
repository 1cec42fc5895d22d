import pc from 'picocolors';
import type { BatchEvent, NodeResult } from '../execute/results';
import type { Node } from '../project/types';
import type { Reporter } from './reporter';
import { unitTestLabel } from '../unit-tests/label';
import { atLeast, type EventName, type Level, type LogEvent } from './events';
import { formatEvent, stripAnsi, type LogFormat } from './log-format';
import type { LogFile } from './log-file';
import type { WarnErrorPolicy } from './warn-error';

export { stripAnsi } from './log-format';

/** One destination of the log: its format, minimum level and colours. */
export interface LogTarget {
  format: LogFormat;
  level: Level | 'none';
  color: boolean;
}

export interface ConsoleOptions {
  invocationId: string;
  write: (line: string) => void;
  /** Where a fatal error goes in text format (stderr); JSON lines stay on `write`. */
  writeError?: (line: string) => void;
  console: LogTarget & { quiet: boolean };
  /** logs/dbt.log, with its own format and level (debug by default, as dbt). */
  file?: LogTarget & { log: LogFile };
  /** Warnings that --warn-error / --warn-error-options turn into errors. */
  warnError?: WarnErrorPolicy;
  now?: () => Date;
}

const LINE_WIDTH = 80;
/** Events held before they are written at once: a long stretch of work without a pause still prints as it goes. */
const MAX_QUEUED = 256;

/**
 * dbt's log: every event goes to the console (`HH:MM:SS  1 of 12 START sql view model main.x ..... [RUN]`, or one JSON
 * object per line) and to logs/dbt.log, each with its own format and level.
 */
export class ConsoleReporter implements Reporter {
  private readonly paint: ReturnType<typeof pc.createColors>;
  /** Worker "threads" as dbt names them: a node takes the lowest free one when it starts. */
  private readonly threads = new Map<string, string>();
  /**
   * Events not written yet, in order, each with the time it happened. Lines are formatted and written once the work
   * that raised them has handed on (the next node's query sent, see flush): that costs about as much as a node's own
   * bookkeeping, and the warehouse need not wait for it.
   */
  private readonly queue: { now: Date; write: (now: Date) => void }[] = [];
  private flushScheduled = false;
  /** dbt.log lines of one flush, written in one call. */
  private fileLines: string[] = [];

  constructor(private readonly options: ConsoleOptions) {
    this.paint = pc.createColors(options.console.color || !!options.file?.color);
  }

  debug(message: string, name: EventName = 'Note'): void {
    this.later((now) => this.emit({ name, level: 'debug', msg: message }, now));
  }

  info(message: string, name: EventName = 'Note'): void {
    this.later((now) => this.emit({ name, level: 'info', msg: message }, now));
  }

  warn(message: string, name: EventName = 'Note'): void {
    const verdict = this.options.warnError?.verdict(name) ?? 'warn';
    if (verdict === 'silence') return;
    if (verdict === 'error') throw this.options.warnError!.promote(name, message);
    this.later((now) => this.emit({ name, level: 'warn', msg: message, text: this.paint.yellow(message) }, now));
  }

  error(message: string, name: EventName = 'Note'): void {
    this.later((now) => this.emit(this.errorEvent(message, name), now));
  }

  output(text: string, name: EventName = 'ListCmdOut'): void {
    this.later((now) => this.emit({ name, level: 'info', msg: text, output: true }, now));
  }

  /** The error that ends the invocation: an event in dbt.log and JSON output; plain text on stderr otherwise. */
  fatal(message: string, name: EventName = 'MainEncounteredError'): void {
    const { console, writeError } = this.options;
    const json = console.format === 'json' || !writeError;
    this.later((now) => this.emit({ name, level: 'error', msg: message, consoleless: !json }, now));
    this.flush();
    if (!json) for (const line of message.split('\n')) writeError(line);
  }

  nodeStart(node: Node, index: number, total: number): void {
    this.later((now) => {
      const thread = this.takeThread(node.uniqueId);
      const data = { node_info: nodeInfo(node, 'started') };
      this.emit({ name: 'LogStartLine', level: 'info', msg: dotted(`${index} of ${total} START ${describe(node)}`, '[RUN]'), data, thread }, now);
      this.emit({ name: 'NodeStart', level: 'debug', msg: `Began running node ${node.uniqueId}`, data, thread }, now);
    });
  }

  nodeResult(node: Node, result: NodeResult, index: number, total: number): void {
    this.later((now) => this.emitResult(node, result, index, total, now));
  }

  /** Writes every event not written yet (at the end of the invocation, and before the error that ends it). */
  flush(): void {
    this.flushScheduled = false;
    for (const { now, write } of this.queue.splice(0)) write(now);
    const file = this.options.file;
    if (file && this.fileLines.length > 0) file.log.write(this.fileLines);
    this.fileLines = [];
  }

  private later(write: (now: Date) => void): void {
    this.queue.push({ now: this.options.now?.() ?? new Date(), write });
    if (this.queue.length >= MAX_QUEUED) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      // After the promise callbacks of this turn: a node's next query is sent by then.
      setImmediate(() => this.flush());
    }
  }

  private emitResult(node: Node, result: NodeResult, index: number, total: number, now: Date): void {
    const thread = this.threads.get(node.uniqueId) ?? 'MainThread';
    this.threads.delete(node.uniqueId);
    const text = resultLine(node, result, index, total, this.paint);
    const level: Level =
      result.status === 'error' || result.status === 'fail' ? 'error' : result.status === 'warn' || result.status === 'partial success' ? 'warn' : 'info';
    const data = {
      node_info: nodeInfo(node, result.status),
      status: result.status,
      index,
      total,
      execution_time: result.executionTime,
      num_failures: result.failures,
    };
    const name: EventName =
      result.status === 'skipped'
        ? 'SkippingDetails'
        : node.resourceType === 'test' || node.resourceType === 'unit_test'
          ? 'LogTestResult'
          : node.resourceType === 'seed'
            ? 'LogSeedResult'
            : node.resourceType === 'snapshot'
              ? 'LogSnapshotResult'
              : 'LogModelResult';
    this.emit({ name, level, msg: stripAnsi(text), text, data, thread }, now);
    this.emit({ name: 'NodeFinished', level: 'debug', msg: `Finished running node ${node.uniqueId}`, data: { node_info: data.node_info }, thread }, now);
  }

  batch(event: BatchEvent): void {
    this.later((now) => this.emitBatch(event, now));
  }

  private emitBatch(event: BatchEvent, now: Date): void {
    const { node, index, total } = event;
    const thread = this.threads.get(node.uniqueId) ?? 'MainThread';
    const description = `batch ${event.batch.label} of ${node.schema}.${node.alias}`;
    const data = { node_info: nodeInfo(node, 'started'), description, batch_index: index, total_batches: total };
    if (event.phase === 'start') {
      this.emit({ name: 'LogStartBatch', level: 'info', msg: `Batch ${dotted(`${index} of ${total} START ${description}`, '[RUN]')}`, data, thread }, now);
      return;
    }
    const p = this.paint;
    const time = `in ${event.seconds.toFixed(2)}s`;
    const text =
      event.status === 'error'
        ? dotted(`${index} of ${total} ${p.red('ERROR')} creating ${description}`, `[${p.red('ERROR')} ${time}]`)
        : event.status === 'skipped'
          ? dotted(`${index} of ${total} SKIP ${description}`, `[${p.yellow('SKIP')}]`)
          : dotted(`${index} of ${total} ${p.green('OK')} created ${description}`, `[${p.green('SUCCESS')} ${time}]`);
    const level: Level = event.status === 'error' ? 'error' : 'info';
    this.emit({ name: 'LogBatchResult', level, msg: `Batch ${stripAnsi(text)}`, text: `Batch ${text}`, data: { ...data, status: event.status }, thread }, now);
    if (event.error) this.emit(this.errorEvent(`  ${event.error.replace(/\n/g, '\n  ')}`), now);
  }

  private errorEvent(message: string, name: EventName = 'Note'): LogEvent {
    return { name, level: 'error', msg: message, text: this.paint.red(message) };
  }

  private takeThread(uniqueId: string): string {
    const busy = new Set(this.threads.values());
    let n = 1;
    while (busy.has(`Thread-${n} (worker)`)) n++;
    this.threads.set(uniqueId, `Thread-${n} (worker)`);
    return `Thread-${n} (worker)`;
  }

  private emit(event: LogEvent, now: Date): void {
    const context = { invocationId: this.options.invocationId, now };
    event.data ??= { msg: event.msg };
    const file = this.options.file;
    if (file && atLeast(event.level, file.level)) this.fileLines.push(...formatEvent(event, file.format, context, file.color));
    if (event.consoleless) return;
    const console = this.options.console;
    // --quiet keeps errors and the command's own output only, as dbt's does.
    if (console.quiet && event.level !== 'error' && !event.output) return;
    if (!event.output && !atLeast(event.level, console.level)) return;
    for (const line of formatEvent(event, console.format, context, console.color)) this.options.write(line);
  }
}

function resultLine(node: Node, result: NodeResult, index: number, total: number, p: ReturnType<typeof pc.createColors>): string {
  const time = `in ${result.executionTime.toFixed(2)}s`;
  const prefix = `${index} of ${total}`;
  const name = node.resourceType === 'unit_test' ? unitTestLabel(node) : node.name;
  const isTest = node.resourceType === 'test' || node.resourceType === 'unit_test';
  switch (result.status) {
    case 'skipped':
      return dotted(`${prefix} SKIP ${isTest ? `${node.resourceType} ${name}` : `relation ${node.schema}.${node.alias}`}`, `[${p.yellow('SKIP')}]`);
    case 'error':
      return dotted(`${prefix} ${p.red('ERROR')} ${isTest ? name : `creating ${describe(node)}`}`, `[${p.red('ERROR')} ${time}]`);
    case 'fail':
      return dotted(`${prefix} ${p.red(`FAIL ${result.failures}`)} ${name}`, `[${p.red(`FAIL ${result.failures}`)} ${time}]`);
    case 'warn':
      return dotted(`${prefix} ${p.yellow(`WARN ${result.failures}`)} ${node.name}`, `[${p.yellow(`WARN ${result.failures}`)} ${time}]`);
    case 'pass':
      return dotted(`${prefix} ${p.green('PASS')} ${name}`, `[${p.green('PASS')} ${time}]`);
    default:
      return dotted(
        `${prefix} ${p.green('OK')} ${node.resourceType === 'seed' ? 'loaded' : 'created'} ${describe(node)}`,
        `[${p.green(result.message)} ${time}]`,
      );
  }
}

/** `sql view model main.stg_users`, `seed file main.raw_users`, `test not_null_x`. */
export function describe(node: Node): string {
  const relation = `${node.schema}.${node.alias}`;
  switch (node.resourceType) {
    case 'seed':
      return `seed file ${relation}`;
    case 'test':
      return `test ${node.name}`;
    case 'unit_test':
      return `unit_test ${unitTestLabel(node)}`;
    case 'snapshot':
      return `snapshot ${relation}`;
    default:
      return `sql ${String(node.config.materialized)} model ${relation}`;
  }
}

export function dotted(message: string, status: string): string {
  const visible = stripAnsi(message).length;
  return `${message} ${'.'.repeat(Math.max(3, LINE_WIDTH - visible - 1))} ${status}`;
}

/** dbt's `node_info` of a node's events. */
function nodeInfo(node: Node, status: string): Record<string, unknown> {
  return {
    node_path: node.path,
    node_name: node.name,
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    materialized: node.config.materialized,
    node_status: status,
    meta: node.config.meta ?? {},
    node_relation: {
      database: node.database,
      schema: node.schema,
      alias: node.alias,
      relation_name: node.resourceType === 'test' || node.resourceType === 'unit_test' ? '' : `"${node.database}"."${node.schema}"."${node.alias}"`,
    },
  };
}
