/**
 * dbt-core's command-line parameters that apply to tsdbt, as data: the flag, its environment variable and whether
 * `flags:` in dbt_project.yml may set it. Precedence, as dbt: command line > environment variable > project flags >
 * default (see resolve-flags.ts).
 */
export interface Param {
  /** dbt's name (snake_case): the key under `flags:`, in run_results.json `args`, and upper-cased in Jinja's `flags`. */
  name: string;
  /** commander's syntax, e.g. '-s, --select <selector...>'. */
  flags: string;
  help: string;
  env?: string;
  choices?: readonly string[];
  /** Also accept `--no-<flag>` (dbt's `--flag/--no-flag`). */
  negatable?: boolean;
  /** May be set under `flags:` in dbt_project.yml. */
  project?: boolean;
  default?: unknown;
  /** Left out of --help (a second spelling of another flag). */
  hidden?: boolean;
  /** Accepted for compatibility with dbt command lines; changes nothing in tsdbt. */
  noop?: boolean;
}

const RESOURCE_TYPES = ['model', 'seed', 'snapshot', 'test', 'data_test', 'unit_test', 'analysis', 'source', 'exposure', 'default', 'all'] as const;
const LEVELS = ['debug', 'info', 'warn', 'error', 'none'] as const;
const LOG_FORMATS = ['text', 'debug', 'json', 'default'] as const;

/** Accepted by every command, before or after the command name (`tsdbt --quiet build` and `tsdbt build --quiet`). */
export const GLOBAL_PARAMS: readonly Param[] = [
  {
    name: 'project_dir',
    flags: '--project-dir <dir>',
    env: 'DBT_PROJECT_DIR',
    help: 'folder holding dbt_project.yml or project.yml (default: current folder)',
  },
  {
    name: 'profiles_dir',
    flags: '--profiles-dir <dir>',
    env: 'DBT_PROFILES_DIR',
    help: 'folder holding profiles.yml (default: the project folder, then ~/.dbt)',
  },
  { name: 'profile', flags: '--profile <name>', env: 'DBT_PROFILE', help: 'profile to use instead of the one dbt_project.yml names' },
  { name: 'target', flags: '-t, --target <name>', env: 'DBT_TARGET', help: 'target (output) of the profile to use' },
  { name: 'target_path', flags: '--target-path <dir>', env: 'DBT_TARGET_PATH', help: 'where artifacts and compiled SQL are written (default: target)' },
  { name: 'vars', flags: '--vars <yaml>', help: "variables as YAML or JSON, e.g. '{days: 7}'" },
  { name: 'threads', flags: '--threads <n>', help: 'number of nodes to run at once (overrides profiles.yml)' },
  {
    name: 'log_format',
    flags: '--log-format <format>',
    env: 'DBT_LOG_FORMAT',
    choices: LOG_FORMATS,
    project: true,
    default: 'default',
    help: 'console log format',
  },
  {
    name: 'log_format_file',
    flags: '--log-format-file <format>',
    env: 'DBT_LOG_FORMAT_FILE',
    choices: LOG_FORMATS,
    project: true,
    default: 'debug',
    help: 'format of logs/dbt.log',
  },
  { name: 'log_level', flags: '--log-level <level>', env: 'DBT_LOG_LEVEL', choices: LEVELS, project: true, default: 'info', help: 'minimum level printed' },
  {
    name: 'log_level_file',
    flags: '--log-level-file <level>',
    env: 'DBT_LOG_LEVEL_FILE',
    choices: LEVELS,
    project: true,
    default: 'debug',
    help: 'minimum level written to logs/dbt.log',
  },
  { name: 'log_path', flags: '--log-path <dir>', env: 'DBT_LOG_PATH', help: 'folder of dbt.log (default: logs in the project folder)' },
  {
    name: 'log_file_max_bytes',
    flags: '--log-file-max-bytes <n>',
    env: 'DBT_LOG_FILE_MAX_BYTES',
    default: 10 * 1024 * 1024,
    help: 'size at which dbt.log rolls over (0: never)',
  },
  { name: 'debug', flags: '-d, --debug', env: 'DBT_DEBUG', negatable: true, project: true, default: false, help: 'print debug logging' },
  { name: 'quiet', flags: '-q, --quiet', env: 'DBT_QUIET', negatable: true, project: true, default: false, help: 'print only errors and command output' },
  {
    name: 'use_colors',
    flags: '--use-colors',
    env: 'DBT_USE_COLORS',
    negatable: true,
    project: true,
    help: 'colour the console output (default: when it is a terminal)',
  },
  { name: 'use_colors_file', flags: '--use-colors-file', env: 'DBT_USE_COLORS_FILE', negatable: true, project: true, default: false, help: 'colour dbt.log' },
  { name: 'printer_width', flags: '--printer-width <n>', env: 'DBT_PRINTER_WIDTH', project: true, noop: true, help: 'accepted; lines are 80 wide' },
  { name: 'warn_error', flags: '--warn-error', env: 'DBT_WARN_ERROR', project: true, default: false, help: 'treat every warning as an error' },
  {
    name: 'warn_error_options',
    flags: '--warn-error-options <yaml>',
    env: 'DBT_WARN_ERROR_OPTIONS',
    project: true,
    help: "warnings to treat as errors, e.g. '{error: all, warn: [NoNodesForSelectionCriteria]}'",
  },
  {
    name: 'write_json',
    flags: '--write-json',
    env: 'DBT_WRITE_JSON',
    negatable: true,
    project: true,
    noop: true,
    help: 'accepted; artifacts are always written',
  },
  { name: 'print', flags: '--print', env: 'DBT_PRINT', negatable: true, noop: true, help: 'accepted; print() always prints' },
  {
    name: 'version_check',
    flags: '--version-check',
    env: 'DBT_VERSION_CHECK',
    negatable: true,
    project: true,
    help: 'check require-dbt-version of the project and its packages (default on)',
  },
  {
    name: 'partial_parse',
    flags: '--partial-parse',
    env: 'DBT_PARTIAL_PARSE',
    negatable: true,
    project: true,
    help: 'reuse the parse kept in target/ while no file, option or env var it read has changed (on by default)',
  },
  { name: 'static_parser', flags: '--static-parser', env: 'DBT_STATIC_PARSER', negatable: true, project: true, noop: true, help: 'accepted; no effect' },
  {
    name: 'send_anonymous_usage_stats',
    flags: '--send-anonymous-usage-stats',
    env: 'DBT_SEND_ANONYMOUS_USAGE_STATS',
    negatable: true,
    project: true,
    noop: true,
    help: 'accepted; tsdbt sends nothing',
  },
  { name: 'populate_cache', flags: '--populate-cache', env: 'DBT_POPULATE_CACHE', negatable: true, project: true, noop: true, help: 'accepted; no effect' },
  {
    name: 'cache_selected_only',
    flags: '--cache-selected-only',
    env: 'DBT_CACHE_SELECTED_ONLY',
    negatable: true,
    project: true,
    noop: true,
    help: 'accepted; no effect',
  },
];

/** Which nodes a command acts on. */
export const SELECTION_PARAMS: readonly Param[] = [
  { name: 'select', flags: '-s, --select <selector...>', help: 'nodes to include (dbt selection syntax)' },
  { name: 'models', flags: '-m, --models <selector...>', help: 'alias of --select' },
  { name: 'models', flags: '--model <selector...>', hidden: true, help: 'alias of --select' },
  { name: 'exclude', flags: '--exclude <selector...>', help: 'nodes to leave out' },
  { name: 'selector', flags: '--selector <name>', help: 'a selector defined in selectors.yml' },
  { name: 'state', flags: '--state <dir>', env: 'DBT_STATE', help: "a previous run's artifacts, for state: and result: selectors, --defer and clone" },
  { name: 'defer_state', flags: '--defer-state <dir>', env: 'DBT_DEFER_STATE', help: 'the state folder for --defer only (default: --state)' },
  {
    name: 'defer',
    flags: '--defer',
    env: 'DBT_DEFER',
    negatable: true,
    default: false,
    help: 'read unselected parents missing from the target from the state run',
  },
  {
    name: 'favor_state',
    flags: '--favor-state',
    env: 'DBT_FAVOR_STATE',
    negatable: true,
    default: false,
    help: 'with --defer, read unselected parents from the state run even when the target has them',
  },
  {
    name: 'indirect_selection',
    flags: '--indirect-selection <mode>',
    env: 'DBT_INDIRECT_SELECTION',
    choices: ['eager', 'cautious', 'buildable', 'empty'],
    project: true,
    default: 'eager',
    help: 'which tests of the selected nodes are selected too',
  },
];

/** Resource-type filters of `build`, `ls` and `clone`. */
export const RESOURCE_TYPE_PARAMS: readonly Param[] = [
  {
    name: 'resource_types',
    flags: '--resource-type, --resource-types <type...>',
    env: 'DBT_RESOURCE_TYPES',
    choices: RESOURCE_TYPES,
    help: 'keep only these resource types',
  },
  {
    name: 'exclude_resource_types',
    flags: '--exclude-resource-type, --exclude-resource-types <type...>',
    env: 'DBT_EXCLUDE_RESOURCE_TYPES',
    choices: RESOURCE_TYPES,
    help: 'leave out these resource types',
  },
];

/** Flags of the commands that run nodes (build, run, test, seed, snapshot, clone). */
export const RUN_PARAMS: readonly Param[] = [
  { name: 'fail_fast', flags: '-x, --fail-fast', env: 'DBT_FAIL_FAST', negatable: true, project: true, default: false, help: 'stop at the first failure' },
  { name: 'full_refresh', flags: '-f, --full-refresh', env: 'DBT_FULL_REFRESH', default: false, help: 'rebuild incremental models and seeds from scratch' },
  { name: 'empty', flags: '--empty', env: 'DBT_EMPTY', negatable: true, default: false, help: 'build with refs and sources as empty selects (schema only)' },
  { name: 'store_failures', flags: '--store-failures', env: 'DBT_STORE_FAILURES', default: false, help: 'keep failing test rows in <schema>_dbt_test__audit' },
];

/** build and run: the window microbatch models build instead of their lookback. */
export const EVENT_TIME_PARAMS: readonly Param[] = [
  { name: 'event_time_start', flags: '--event-time-start <time>', help: 'microbatch models: build batches from this time (UTC), with --event-time-end' },
  { name: 'event_time_end', flags: '--event-time-end <time>', help: 'microbatch models: build batches up to this time (UTC), with --event-time-start' },
];

/** Every parameter, for the README table and for looking one up by name. */
export function paramNamed(name: string, extra: readonly Param[] = []): Param | undefined {
  return [...GLOBAL_PARAMS, ...SELECTION_PARAMS, ...RESOURCE_TYPE_PARAMS, ...RUN_PARAMS, ...EVENT_TIME_PARAMS, ...extra].find((p) => p.name === name);
}
