import pc from 'picocolors';
import type { NodeResult } from '../execute/results';
import type { Node } from '../project/types';
import type { Reporter } from './reporter';
import { unitTestLabel } from '../unit-tests/label';

export interface ConsoleOptions {
  format: 'text' | 'json';
  quiet: boolean;
  color: boolean;
  invocationId: string;
  write?: (line: string) => void;
}

const LINE_WIDTH = 80;

/** dbt's console lines: `HH:MM:SS  1 of 12 START sql view model main.x ..... [RUN]`, or one JSON event per line. */
export class ConsoleReporter implements Reporter {
  private readonly write: (line: string) => void;
  private readonly paint: ReturnType<typeof pc.createColors>;

  constructor(private readonly options: ConsoleOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(line + '\n'));
    this.paint = pc.createColors(options.color);
  }

  info(message: string): void {
    this.event('info', 'Note', message);
  }

  warn(message: string): void {
    this.event('warn', 'Warning', this.paint.yellow(message), message);
  }

  error(message: string): void {
    this.event('error', 'Error', this.paint.red(message), message);
  }

  output(text: string): void {
    if (this.options.format === 'json') this.emit('info', 'ListCmdOut', text, {});
    else this.write(text);
  }

  nodeStart(node: Node, index: number, total: number): void {
    this.event('info', 'NodeStart', dotted(`${index} of ${total} START ${describe(node)}`, '[RUN]'), undefined, { node_info: nodeInfo(node) });
  }

  nodeResult(node: Node, result: NodeResult, index: number, total: number): void {
    const p = this.paint;
    const time = `in ${result.executionTime.toFixed(2)}s`;
    const prefix = `${index} of ${total}`;
    const name = node.resourceType === 'unit_test' ? unitTestLabel(node) : node.name;
    let line: string;
    let level: 'info' | 'warn' | 'error' = 'info';
    switch (result.status) {
      case 'skipped':
        line = dotted(
          `${prefix} SKIP ${node.resourceType === 'test' || node.resourceType === 'unit_test' ? `${node.resourceType} ${name}` : `relation ${node.schema}.${node.alias}`}`,
          `[${p.yellow('SKIP')}]`,
        );
        break;
      case 'error':
        level = 'error';
        line = dotted(
          `${prefix} ${p.red('ERROR')} ${node.resourceType === 'test' || node.resourceType === 'unit_test' ? name : `creating ${describe(node)}`}`,
          `[${p.red('ERROR')} ${time}]`,
        );
        break;
      case 'fail':
        level = 'error';
        line = dotted(`${prefix} ${p.red(`FAIL ${result.failures}`)} ${name}`, `[${p.red(`FAIL ${result.failures}`)} ${time}]`);
        break;
      case 'warn':
        level = 'warn';
        line = dotted(`${prefix} ${p.yellow(`WARN ${result.failures}`)} ${node.name}`, `[${p.yellow(`WARN ${result.failures}`)} ${time}]`);
        break;
      case 'pass':
        line = dotted(`${prefix} ${p.green('PASS')} ${name}`, `[${p.green('PASS')} ${time}]`);
        break;
      default:
        line =
          node.resourceType === 'seed'
            ? dotted(`${prefix} ${p.green('OK')} loaded ${describe(node)}`, `[${p.green(result.message)} ${time}]`)
            : dotted(`${prefix} ${p.green('OK')} created ${describe(node)}`, `[${p.green(result.message)} ${time}]`);
    }
    this.event(level, 'NodeFinished', line, undefined, {
      node_info: { ...nodeInfo(node), node_status: result.status },
      run_result: { status: result.status, message: result.message, failures: result.failures, execution_time: result.executionTime },
    });
  }

  private event(level: 'info' | 'warn' | 'error', name: string, text: string, plain = text, data: Record<string, unknown> = {}): void {
    if (this.options.format === 'json') {
      this.emit(level, name, stripAnsi(plain), data);
      return;
    }
    // --quiet keeps errors only, as dbt's does.
    if (this.options.quiet && level !== 'error') return;
    const stamp = new Date().toISOString().slice(11, 19);
    for (const line of text.split('\n')) this.write(`${this.paint.dim(stamp)}  ${line}`);
  }

  private emit(level: string, name: string, msg: string, data: Record<string, unknown>): void {
    if (this.options.quiet && level !== 'error' && name !== 'ListCmdOut') return;
    this.write(JSON.stringify({ info: { name, level, msg, ts: new Date().toISOString(), invocation_id: this.options.invocationId, pid: process.pid }, data }));
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

function nodeInfo(node: Node): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    node_name: node.name,
    node_path: node.path,
    materialized: node.config.materialized,
    node_relation: { database: node.database, schema: node.schema, alias: node.alias },
  };
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
