#!/usr/bin/env node
import { Command, Option } from 'commander';
import { COMMANDS, GROUPS, type CommandSpec } from './command-table';
import type { CliIO, Invocation } from './invocation';
import { GLOBAL_PARAMS, type Param } from './params';

/*
 * Start-up path: only commander and the command table are loaded before a command is known; the engine is required
 * when a command runs, so that `--version` and `--help` stay instant.
 */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

export type { CliIO } from './invocation';

const processIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  // picocolors' own detection: NO_COLOR, FORCE_COLOR, --color/--no-color, a terminal.
  get color() {
    return (require('picocolors') as typeof import('picocolors')).isColorSupported;
  },
  ask: process.stdin.isTTY ? askOnTerminal : undefined,
};

async function askOnTerminal(question: string, fallback: string): Promise<string> {
  const { createInterface } = require('node:readline/promises') as typeof import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(`${question} [${fallback}]: `)).trim() || fallback;
  } finally {
    prompt.close();
  }
}

/** The commander options of `params`, each remembered with the dbt name its value is stored under. */
function addParams(command: Command, params: readonly Param[], names: Map<string, string>): void {
  for (const param of params) {
    const help = param.env ? `${param.help} [env: ${param.env}]` : param.help;
    const option = new Option(param.flags, help);
    if (param.choices) option.choices(param.choices);
    if (param.hidden) option.hideHelp();
    if (param.default !== undefined && !param.negatable && typeof param.default !== 'boolean') option.default(param.default);
    command.addOption(option);
    names.set(option.attributeName(), param.name);
    if (param.negatable) {
      const negated = new Option(`--no-${option.long!.slice(2)}`).hideHelp();
      command.addOption(negated);
    }
  }
}

/** What was typed on the command line, by dbt name; commander defaults are left to resolveFlags (they rank last). */
function typedValues(chain: Command[], names: Map<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const from = new Map<string, Command>();
  for (const command of chain) {
    for (const [key, value] of Object.entries(command.opts())) {
      if (command.getOptionValueSource(key) !== 'cli') continue;
      const name = names.get(key) ?? key;
      const earlier = from.get(name);
      if (earlier && earlier !== command) {
        throw new (require('../errors') as typeof import('../errors')).ProjectError(
          `--${name.replace(/_/g, '-')} was given both before and after the command; give it once`,
        );
      }
      from.set(name, command);
      // Repeated list flags (`-s a -m b`, `--model x`) add up.
      values[name] = Array.isArray(value) && Array.isArray(values[name]) ? [...(values[name] as unknown[]), ...value] : value;
    }
  }
  return values;
}

function reportFatal(thrown: unknown, io: CliIO, invocation?: Invocation): number {
  const { ProjectErrors, TsdbtError, fileSystemError } = require('../errors') as typeof import('../errors');
  const error = fileSystemError(thrown) ?? thrown;
  const text =
    error instanceof ProjectErrors
      ? `Encountered ${error.message}`
      : error instanceof TsdbtError
        ? `Error: ${error.describe()}`
        : `Internal error (please report it): ${error instanceof Error ? error.stack : String(error)}`;
  if (invocation) invocation.reporter.fatal(text);
  else io.err(text);
  return error instanceof TsdbtError ? error.exitCode : EXIT_USAGE;
}

/** The exit code of the command a run executed, per run (keyed by its output sink). */
const exitCodes = new WeakMap<CliIO, number>();

function addCommand(program: Command, spec: CommandSpec, io: CliIO): void {
  const words = spec.name.split(' ');
  let parent = program;
  for (const group of words.slice(0, -1)) {
    parent =
      parent.commands.find((c) => c.name() === group) ??
      parent
        .command(group)
        .description(GROUPS[group] ?? '')
        .enablePositionalOptions();
  }
  const command = parent.command(spec.args ? `${words[words.length - 1]} ${spec.args}` : words[words.length - 1]).description(spec.description);
  for (const alias of spec.aliases ?? []) command.alias(alias);
  const names = new Map<string, string>();
  const params = [...(spec.params ?? []), ...GLOBAL_PARAMS];
  addParams(command, params, names);
  command.action(async () => {
    const chain: Command[] = [];
    for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
    let invocation: Invocation | undefined;
    let code: number;
    let failed = false;
    try {
      const { resolveFlags } = require('./resolve-flags') as typeof import('./resolve-flags');
      const { readProjectFlags } = require('./project-flags') as typeof import('./project-flags');
      const typed = typedValues(chain, names);
      const env = process.env;
      const flags = resolveFlags(params, typed, env, readProjectFlags(typed.project_dir ?? env.DBT_PROJECT_DIR));
      const { Invocation } = require('./invocation') as typeof import('./invocation');
      invocation = new Invocation(spec.name, command.args, flags, io);
      code = await spec.run(invocation);
    } catch (error) {
      failed = true;
      code = reportFatal(error, io, invocation);
    }
    try {
      await invocation?.close();
    } catch (error) {
      // Cleanup must never hide the error that stopped the command.
      if (!failed) code = reportFatal(error, io, invocation);
    }
    exitCodes.set(io, code);
  });
}

function buildProgram(io: CliIO): Command {
  const program = new Command('tsdbt')
    .description('A dbt-compatible SQL transformation engine with DuckDB embedded')
    .option('-v, --version', 'print the tsdbt, DuckDB and dbt versions')
    .addOption(new Option('-V').hideHelp())
    .enablePositionalOptions()
    .showHelpAfterError('(run tsdbt --help for usage)');
  addParams(program, GLOBAL_PARAMS, new Map());
  program.action(() => {
    if (program.opts().version || program.opts().V) {
      io.out((require('../version') as typeof import('../version')).versionReport());
      return;
    }
    program.help();
  });
  for (const spec of COMMANDS) addCommand(program, spec, io);
  return program;
}

/** Runs one tsdbt command line (without `node tsdbt`) and returns its exit code: 0 ok, 1 node failures, 2 errors. */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  const overrideExit = (command: Command): void => {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) });
    command.commands.forEach(overrideExit);
  };
  overrideExit(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (typeof exitCode === 'number') return exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return reportFatal(error, io);
  }
  const code = exitCodes.get(io) ?? EXIT_OK;
  exitCodes.delete(io);
  return code;
}

/** The `tsdbt` executable: runs the process's command line and sets its exit code. */
export function main(): void {
  // `tsdbt build | head -2`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  let finished = false;
  // Node ends a process whose event loop has nothing left to wait for, even while a command's promise is pending
  // (a query waiting for a connection no one will release): that must never pass for success.
  process.on('beforeExit', () => {
    if (finished) return;
    process.stderr.write('Internal error (please report it): the command stopped before it finished (a wait that nothing could end)\n');
    process.exit(2);
  });
  runCli(process.argv.slice(2)).then((code) => {
    finished = true;
    process.exitCode = code;
  });
}

if (require.main === module) main();
