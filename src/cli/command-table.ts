import type { Invocation } from './invocation';
import { EVENT_TIME_PARAMS, RESOURCE_TYPE_PARAMS, RUN_PARAMS, SELECTION_PARAMS, type Param } from './params';

/**
 * One tsdbt command. Its module is imported only when it runs, so that `--help` and `--version` stay instant. Every
 * command also takes the global flags (params.ts GLOBAL_PARAMS).
 */
export interface CommandSpec {
  /** 'build', or '<group> <command>' such as 'source freshness'. */
  name: string;
  /** Positional arguments in commander's syntax, e.g. '<macro>' or '[project_name]'. */
  args?: string;
  aliases?: string[];
  description: string;
  params?: readonly Param[];
  run: (invocation: Invocation) => Promise<number> | number;
}

/** Descriptions of command groups (`tsdbt source freshness`, `tsdbt docs generate`). */
export const GROUPS: Record<string, string> = {
  source: 'commands on sources',
  docs: 'generate or serve the documentation site of the project',
};

const RUNS = [...SELECTION_PARAMS, ...RUN_PARAMS];
const SHOW: Param = { name: 'show', flags: '--show', help: 'print a sample of each loaded seed' };
const INLINE: Param = { name: 'inline', flags: '--inline <sql>', help: 'a query to compile (compile) or run (show) instead of a selected node' };
const ROWS_OUTPUT: Param = { name: 'output', flags: '--output <format>', choices: ['text', 'json', 'csv'], default: 'text', help: 'output format' };

/** run/build/test/seed/snapshot's options, from the flags. */
function runOptions(invocation: Invocation) {
  const { flags } = invocation;
  return {
    failFast: flags.bool('fail_fast'),
    fullRefresh: flags.bool('full_refresh'),
    empty: flags.bool('empty'),
    storeFailures: flags.bool('store_failures'),
    show: flags.bool('show'),
    eventTimeStart: flags.str('event_time_start'),
    eventTimeEnd: flags.str('event_time_end'),
    resourceTypes: { include: flags.list('resource_types'), exclude: flags.list('exclude_resource_types') },
  };
}

function runner(command: 'build' | 'run' | 'test' | 'seed' | 'snapshot') {
  return async (invocation: Invocation) => (await import('./commands/run')).runCommand(invocation.session(), command, runOptions(invocation));
}

export const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    description: 'seed, run, snapshot and test the selected nodes in DAG order',
    params: [...RUNS, ...EVENT_TIME_PARAMS, ...RESOURCE_TYPE_PARAMS, SHOW],
    run: runner('build'),
  },
  { name: 'run', description: 'build the selected models', params: [...RUNS, ...EVENT_TIME_PARAMS], run: runner('run') },
  { name: 'test', description: 'run the selected tests', params: RUNS, run: runner('test') },
  { name: 'seed', description: 'load the CSV seeds', params: [...RUNS, SHOW], run: runner('seed') },
  { name: 'snapshot', description: 'run the selected snapshots (SCD type 2 history)', params: RUNS, run: runner('snapshot') },
  {
    name: 'retry',
    description: 're-run the nodes that failed or were skipped last time',
    run: async (invocation) => (await import('./commands/run')).retryCommand(invocation.session()),
  },
  {
    name: 'clone',
    description: "create the selected nodes' relations from the --state run's (as views on DuckDB)",
    params: [...SELECTION_PARAMS, ...RESOURCE_TYPE_PARAMS, ...RUN_PARAMS.filter((p) => p.name === 'full_refresh')],
    run: async (invocation) =>
      (await import('./commands/clone')).cloneCommand(invocation.session(), {
        fullRefresh: invocation.flags.bool('full_refresh'),
        resourceTypes: runOptions(invocation).resourceTypes,
      }),
  },
  {
    name: 'compile',
    description: 'render models, tests and analyses to target/compiled; prints the SQL of one selected node',
    params: [...SELECTION_PARAMS, INLINE, { name: 'output', flags: '--output <format>', choices: ['text', 'json'], default: 'text', help: 'output format' }],
    run: async (invocation) =>
      (await import('./commands/compile')).compileCommand(invocation.session(), {
        inline: invocation.flags.str('inline'),
        output: invocation.flags.str('output'),
      }),
  },
  {
    name: 'ls',
    aliases: ['list'],
    description: 'list the selected resources',
    params: [
      ...SELECTION_PARAMS,
      ...RESOURCE_TYPE_PARAMS,
      { name: 'output', flags: '--output <format>', choices: ['name', 'path', 'json', 'selector'], default: 'selector', help: 'output format' },
      { name: 'output_keys', flags: '--output-keys <key...>', help: 'with --output json, only these keys of each resource' },
    ],
    run: async (invocation) =>
      (await import('./commands/ls')).lsCommand(invocation.session(), {
        output: invocation.flags.str('output'),
        outputKeys: invocation.flags.list('output_keys'),
        resourceTypes: runOptions(invocation).resourceTypes,
      }),
  },
  {
    name: 'show',
    description: 'preview the rows of a model, analysis or inline query',
    params: [...SELECTION_PARAMS, INLINE, { name: 'limit', flags: '--limit <n>', default: '5', help: 'rows to show (-1 for all)' }, ROWS_OUTPUT],
    run: async (invocation) =>
      (await import('./commands/show')).showCommand(invocation.session(), {
        inline: invocation.flags.str('inline'),
        limit: invocation.flags.str('limit'),
        output: invocation.flags.str('output'),
      }),
  },
  {
    name: 'run-analysis',
    args: '<file>',
    description: 'run an analysis compiled by `tsdbt compile` and print its rows',
    params: [ROWS_OUTPUT],
    run: async (invocation) =>
      (await import('./commands/run-analysis')).runAnalysisCommand(invocation.session(), invocation.args[0], invocation.flags.str('output')),
  },
  {
    name: 'run-operation',
    args: '<macro>',
    description: 'call a macro (with execute true), e.g. to grant or vacuum',
    params: [{ name: 'args', flags: '--args <yaml>', help: "keyword arguments as YAML or JSON, e.g. '{table: x}'" }],
    run: async (invocation) =>
      (await import('./commands/operations')).runOperationCommand(invocation.session(), invocation.args[0], invocation.flags.str('args')),
  },
  {
    name: 'deps',
    description: 'install the packages of packages.yml (hub, git, tarball, local) and write package-lock.yml',
    params: [
      { name: 'upgrade', flags: '--upgrade', help: 'resolve the packages again even when package-lock.yml matches packages.yml' },
      { name: 'lock', flags: '--lock', help: 'write package-lock.yml without installing the packages' },
      { name: 'add_package', flags: '--add-package <name@version>', help: 'add a package to packages.yml (then install)' },
      { name: 'source', flags: '--source <source>', choices: ['hub', 'git', 'local'], default: 'hub', help: 'where --add-package comes from' },
    ],
    run: async (invocation) => (await import('./commands/deps')).depsCommand(invocation),
  },
  {
    name: 'source freshness',
    description: 'check how recently each source was loaded; writes target/sources.json',
    params: SELECTION_PARAMS,
    run: async (invocation) => (await import('./commands/freshness')).freshnessCommand(invocation.session()),
  },
  {
    name: 'docs generate',
    description: 'write manifest.json, catalog.json (from the warehouse) and the site (index.html) to the target folder',
    params: [
      ...SELECTION_PARAMS,
      { name: 'compile', flags: '--compile', negatable: true, default: true, help: 'compile the selected nodes first (--no-compile: the site shows raw SQL)' },
      { name: 'empty_catalog', flags: '--empty-catalog', default: false, help: 'write catalog.json without querying the warehouse' },
      { name: 'static', flags: '--static', default: false, help: 'also write static_index.html: one file holding the site and its data' },
    ],
    run: async (invocation) =>
      (await import('./commands/docs')).docsGenerateCommand(invocation.session(), {
        compile: invocation.flags.bool('compile'),
        emptyCatalog: invocation.flags.bool('empty_catalog'),
        static: invocation.flags.bool('static'),
      }),
  },
  {
    name: 'docs serve',
    description: 'serve the site written by `docs generate` until Ctrl+C',
    params: [
      { name: 'port', flags: '--port <port>', default: '8080', help: 'port to listen on (0: any free port)' },
      { name: 'host', flags: '--host <host>', default: '127.0.0.1', help: 'address to listen on' },
      { name: 'browser', flags: '--browser', negatable: true, default: true, help: 'open the site in a browser (--no-browser: do not)' },
    ],
    run: async (invocation) =>
      (await import('./commands/docs')).docsServeCommand(invocation.session(), {
        port: invocation.flags.str('port') as string,
        host: invocation.flags.str('host') as string,
        browser: invocation.flags.bool('browser'),
      }),
  },
  {
    name: 'parse',
    description: 'parse the project and write target/manifest.json',
    run: async (invocation) => (await import('./commands/maintenance')).parseCommand(invocation.session()),
  },
  {
    name: 'debug',
    description: 'show the resolved project, profile and target, and test the connection',
    run: async (invocation) => (await import('./commands/maintenance')).debugCommand(invocation.session()),
  },
  {
    name: 'clean',
    description: 'delete the clean-targets folders (target/ by default)',
    run: async (invocation) => (await import('./commands/maintenance')).cleanCommand(invocation.session()),
  },
  {
    name: 'init',
    args: '[project_name]',
    description: 'create a project folder and a DuckDB profile (asks, or takes the defaults and flags when not on a terminal)',
    params: [
      { name: 'skip_profile_setup', flags: '-s, --skip-profile-setup', help: 'do not write a profile to profiles.yml' },
      { name: 'db_path', flags: '--db-path <file>', help: 'DuckDB file of the profile (default: <project_name>.duckdb)' },
      { name: 'schema', flags: '--schema <name>', help: 'schema of the profile (default: main)' },
    ],
    run: async (invocation) => (await import('./commands/init')).initCommand(invocation),
  },
];
