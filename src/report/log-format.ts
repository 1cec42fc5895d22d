import { EVENT_CODES, type LogEvent } from './events';

export type LogFormat = 'text' | 'default' | 'debug' | 'json';

export interface LineContext {
  invocationId: string;
  now: Date;
}

/** dbt's three line shapes: `HH:MM:SS  msg`, `HH:MM:SS.ffffff [info ] [MainThread]: msg`, or one JSON object. */
export function formatEvent(event: LogEvent, format: LogFormat, context: LineContext, colored: boolean): string[] {
  if (format === 'json') return [JSON.stringify(jsonEvent(event, context))];
  const text = colored ? (event.text ?? event.msg) : stripAnsi(event.text ?? event.msg);
  if (event.output) return text.split('\n');
  const iso = context.now.toISOString();
  if (format === 'debug') {
    // dbt prints microseconds; a Date holds milliseconds.
    const stamp = `${iso.slice(11, 23)}000`;
    const prefix = `${stamp} [${event.level.padEnd(5)}] [${event.thread ?? 'MainThread'}]: `;
    return text.split('\n').map((line, i) => (i === 0 ? prefix + line : line));
  }
  return text.split('\n').map((line) => `${iso.slice(11, 19)}  ${line}`);
}

function jsonEvent(event: LogEvent, context: LineContext): Record<string, unknown> {
  return {
    info: {
      category: '',
      code: EVENT_CODES[event.name],
      extra: {},
      invocation_id: context.invocationId,
      level: event.level,
      msg: stripAnsi(event.msg),
      name: event.name,
      pid: process.pid,
      thread: event.thread ?? 'MainThread',
      ts: context.now.toISOString(),
    },
    data: event.data ?? {},
  };
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
