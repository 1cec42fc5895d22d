import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ConsoleReporter } from '../report/console';
import type { Level } from '../report/events';
import { LogFile } from '../report/log-file';
import type { LogFormat } from '../report/log-format';
import { WarnErrorPolicy } from '../report/warn-error';
import { globalOptions, projectDirOf } from './options';
import type { Flags } from './resolve-flags';
import type { Session } from './session';

/** Where a run prints: the process's streams, or a test's buffers. */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether the console takes colours when --use-colors is not given. */
  color: boolean;
  /** Asks the user, offering `fallback` (absent when there is no terminal to ask on). */
  ask?: (question: string, fallback: string) => Promise<string>;
}

/** One command line being run: its flags, its log (console and logs/dbt.log) and, once asked for, the parsed project. */
export class Invocation {
  readonly invocationId = randomUUID();
  readonly reporter: ConsoleReporter;
  readonly projectDir: string;
  private readonly logFile?: LogFile;
  private opened?: Session;

  constructor(
    /** The command as typed, e.g. 'build' or 'source freshness'. */
    readonly command: string,
    readonly args: string[],
    readonly flags: Flags,
    readonly io: CliIO,
  ) {
    this.projectDir = projectDirOf(flags);
    const debug = flags.bool('debug');
    const consoleFormat = flags.str('log_format') as LogFormat;
    const fileLevel = flags.str('log_level_file') as Level | 'none';
    if (fileLevel !== 'none') {
      const folder = path.resolve(flags.str('log_path') ?? path.join(this.projectDir, 'logs'));
      this.logFile = new LogFile(path.join(folder, 'dbt.log'), flags.int('log_file_max_bytes') ?? 0);
    }
    const fileFormat = flags.str('log_format_file') as LogFormat;
    this.reporter = new ConsoleReporter({
      invocationId: this.invocationId,
      write: io.out,
      writeError: io.err,
      console: {
        // --debug shows debug events, in dbt's debug line format unless a format is asked for.
        format: debug && consoleFormat === 'default' ? 'debug' : consoleFormat,
        level: debug ? 'debug' : (flags.str('log_level') as Level | 'none'),
        color: flags.has('use_colors') ? flags.bool('use_colors') : io.color,
        quiet: flags.bool('quiet'),
      },
      file: this.logFile && {
        log: this.logFile,
        format: fileFormat === 'default' || fileFormat === 'text' ? 'debug' : fileFormat,
        level: fileLevel,
        color: flags.bool('use_colors_file'),
      },
      warnError: WarnErrorPolicy.from(flags.bool('warn_error'), flags.value('warn_error_options')),
    });
    if (this.logFile && fileFormat !== 'json') {
      const stamp = new Date().toISOString().replace('T', ' ').slice(0, 23);
      this.logFile.write(['', `============================== ${stamp} | ${this.invocationId} ==============================`]);
    }
    this.reporter.debug(`running tsdbt with arguments ${JSON.stringify({ which: command, ...flags.given() })}`, 'MainReportArgs');
  }

  /** The parsed project (parsed on first use; `deps` and `init` never ask). */
  session(): Session {
    if (!this.opened) {
      const { Session } = require('./session') as typeof import('./session');
      this.opened = new Session(globalOptions(this.flags), this.flags.forJinja(this.command.split(' ').pop()!), this.reporter, this.invocationId);
    }
    return this.opened;
  }

  async close(): Promise<void> {
    try {
      await this.opened?.close();
    } finally {
      this.reporter.flush();
      this.logFile?.close();
    }
  }
}
