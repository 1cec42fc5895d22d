#!/usr/bin/env node
import { Command, Option } from 'commander';
import type { RawOptions } from './options';

/*
 * Start-up path: only commander is loaded before a command is known; the engine is required inside each action so
 * that `--version` and `--help` stay instant.
 */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

type Action = (raw: RawOptions & Record<string, unknown>, args: string[]) => Promise<number> | number;

/** Where a run prints: the process's streams, or a test's buffers. */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
}

const processIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

function withGlobals(command: Command, selection = true): Command {
  command
    .option('--project-dir <dir>', 'folder holding project.yml or dbt_project.yml (default: current folder)')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project folder, ~/.dbt)')
    .option('-t, --target <name>', 'target (output) of the profile to use')
    .option('--target-path <dir>', 'where artifacts are written (default: target)')
    .option('--vars <yaml>', "variables as YAML or JSON, e.g. '{days: 7}'")
    .addOption(new Option('--log-format <format>', 'console output').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print only errors and command output')
    .option('--threads <n>', 'number of nodes to run at once');
  if (selection) {
    command
      .option('-s, --select <selector...>', 'nodes to include (dbt selection syntax)')
      .option('-m, --models <selector...>', 'alias of --select')
      .option('--exclude <selector...>', 'nodes to leave out')
      .option('--state <dir>', "a previous run's artifacts (manifest.json, run_results.json) for state: and result: selectors")
      .option('--defer', "read unselected parents missing from the target from the --state run's relations")
      .option('--favor-state', 'with --defer, read unselected parents from the --state run even when the target has them');
  }
  return command;
}

async function execute(
  io: CliIO,
  raw: RawOptions & Record<string, unknown>,
  body: (session: import('./session').Session) => Promise<number> | number,
): Promise<number> {
  const { globalOptions } = require('./options') as typeof import('./options');
  const { Session } = require('./session') as typeof import('./session');
  const options = globalOptions(raw);
  const flags = { FULL_REFRESH: !!raw.fullRefresh, WHICH: raw.__command, STORE_FAILURES: !!raw.storeFailures, FAIL_FAST: !!raw.failFast, EMPTY: !!raw.empty };
  const session = new Session(options, flags, io);
  let code: number;
  try {
    code = await body(session);
  } catch (error) {
    // Cleanup must never hide the error that stopped the command.
    await session.close().catch(() => undefined);
    throw error;
  }
  await session.close();
  return code;
}

function reportFatal(thrown: unknown, io: CliIO): number {
  const { ProjectErrors, TsdbtError, fileSystemError } = require('../errors') as typeof import('../errors');
  const error = fileSystemError(thrown) ?? thrown;
  const print = io.err;
  if (error instanceof ProjectErrors) print(`Encountered ${error.message}`);
  else if (error instanceof TsdbtError) print(`Error: ${error.describe()}`);
  else print(`Internal error (please report it): ${error instanceof Error ? error.stack : String(error)}`);
  return EXIT_USAGE;
}

function action(io: CliIO, run: Action) {
  return async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const raw = { ...command.optsWithGlobals(), __command: command.name() } as RawOptions & Record<string, unknown>;
    let code: number;
    try {
      code = await run(raw, command.args);
    } catch (error) {
      code = reportFatal(error, io);
    }
    exitCodes.set(io, code);
  };
}

/** The exit code of the command a run executed, per run (keyed by its output sink). */
const exitCodes = new WeakMap<CliIO, number>();

function buildProgram(io: CliIO): Command {
  const program = new Command('tsdbt')
    .description('A dbt-compatible SQL transformation engine with DuckDB embedded')
    .version((require('../version') as typeof import('../version')).tsdbtVersion(), '-v, --version')
    .showHelpAfterError('(run tsdbt --help for usage)');

  const runFlags = (command: Command) =>
    command
      .option('-x, --fail-fast', 'stop at the first failure')
      .option('--full-refresh', 'rebuild incremental models from scratch')
      .option('--empty', 'build with refs and sources as empty selects (schema-only)')
      .option('--store-failures', 'keep failing test rows in <schema>_dbt_test__audit');

  for (const [name, description] of [
    ['build', 'seed, run, snapshot and test the selected nodes in DAG order'],
    ['run', 'build the selected models'],
    ['test', 'run the selected tests'],
    ['seed', 'load the CSV seeds'],
    ['snapshot', 'run the selected snapshots (SCD type 2 history)'],
  ] as const) {
    withGlobals(runFlags(program.command(name).description(description))).action(
      action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/run')).runCommand(session, name, raw as never))),
    );
  }
  withGlobals(program.command('retry').description('re-run the nodes that failed or were skipped last time'), false).action(
    action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/run')).retryCommand(session))),
  );
  withGlobals(
    program.command('compile').description('render models, tests and analyses to target/compiled').option('--inline <sql>', 'compile one query and print it'),
  ).action(action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/compile')).compileCommand(session, raw as never))));
  withGlobals(
    program
      .command('ls')
      .alias('list')
      .description('list the selected resources')
      .option('--resource-type <type...>', 'model, seed, test, analysis, source, snapshot')
      .addOption(new Option('--output <format>', 'output format').choices(['name', 'path', 'json', 'selector'])),
  ).action(action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/ls')).lsCommand(session, raw as never))));
  withGlobals(
    program
      .command('show')
      .description('preview the rows of a model, analysis or inline query')
      .option('--inline <sql>', 'a query to run')
      .option('--limit <n>', 'rows to show (default 5; -1 for all)')
      .addOption(new Option('--output <format>', 'output format').choices(['text', 'json', 'csv'])),
  ).action(action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/show')).showCommand(session, raw as never))));
  withGlobals(
    program
      .command('run-analysis <file>')
      .description('run an analysis compiled by `tsdbt compile` and print its rows')
      .addOption(new Option('--output <format>', 'output format').choices(['text', 'json', 'csv'])),
    false,
  ).action(
    action(io, (raw, args) =>
      execute(io, raw, async (session) => (await import('./commands/run-analysis')).runAnalysisCommand(session, args[0], raw.output as string | undefined)),
    ),
  );
  withGlobals(program.command('deps').description('install the packages listed in packages.yml (local: packages)'), false).action(
    action(io, async (raw) => (await import('./commands/deps')).depsCommand(raw.projectDir ?? process.cwd(), io.out)),
  );
  withGlobals(
    program
      .command('run-operation <macro>')
      .description('call a macro (with execute true), e.g. to grant or vacuum')
      .option('--args <yaml>', "keyword arguments as YAML or JSON, e.g. '{table: x}'"),
    false,
  ).action(
    action(io, (raw, args) =>
      execute(io, raw, async (session) => (await import('./commands/operations')).runOperationCommand(session, args[0], raw.args as string | undefined)),
    ),
  );
  const source = program.command('source').description('commands on sources');
  withGlobals(source.command('freshness').description('check how recently each source was loaded; writes target/sources.json')).action(
    action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/freshness')).freshnessCommand(session))),
  );
  const docs = program.command('docs').description('generate or serve the documentation site of the project');
  withGlobals(
    docs
      .command('generate')
      .description('write manifest.json, catalog.json (from the warehouse) and the site (index.html) to the target folder')
      .option('--no-compile', 'skip compiling; the site shows raw SQL only')
      .option('--empty-catalog', 'write catalog.json without querying the warehouse')
      .option('--static', 'also write static_index.html, one file holding the site and its data'),
  ).action(action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/docs')).docsGenerateCommand(session, raw as never))));
  withGlobals(
    docs
      .command('serve')
      .description('serve the site written by `docs generate` until Ctrl+C')
      .option('--port <port>', 'port to listen on (0: any free port)', '8080')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--browser', 'open the site in a browser (default)')
      .option('--no-browser', 'do not open a browser'),
    false,
  ).action(action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/docs')).docsServeCommand(session, raw as never))));
  withGlobals(program.command('parse').description('parse the project and write target/manifest.json'), false).action(
    action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/maintenance')).parseCommand(session))),
  );
  withGlobals(program.command('debug').description('show the resolved project, profile and target, and test the connection'), false).action(
    action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/maintenance')).debugCommand(session))),
  );
  withGlobals(program.command('clean').description('delete the clean-targets folders (target/ by default)'), false).action(
    action(io, (raw) => execute(io, raw, async (session) => (await import('./commands/maintenance')).cleanCommand(session))),
  );
  return program;
}

/** Runs one tsdbt command line (without `node tsdbt`) and returns its exit code: 0 ok, 1 node failures, 2 errors. */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  program.configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) });
  const overrideExit = (command: Command): void => {
    command.exitOverride();
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

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
