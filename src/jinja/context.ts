import { ProjectError } from '../errors';
import type { Target } from '../project/profile';
import { isPlainObject } from '../project/yaml-file';
import { installBaseContext } from './base-context';
import { MacroReturn, pyStr, splitCallArgs as splitPyArgs, withToDict } from './compat';
import { randomUUID } from 'node:crypto';
import { createDatetimeModule, nowUtc, pytzModule, type PyDateTime } from './python-datetime';
import { pythonRe } from './python-re';
import type { QueryTable } from './query-table';
import { dialectFor } from '../adapters/dialects';
import { quoteIdentifier } from '../adapters/standard-dialect';
import { installMaterializationContext } from './materialization-context';
import { Relation, type RelationKind } from './relation';
import { metadataEnvs } from '../project/metadata-env';
import type { TemplateRenderer } from './renderer';

/** What the dbt context needs to know about this invocation. */
export interface InvocationContext {
  projectName: string;
  target: Target;
  projectVars: Record<string, unknown>;
  /** The root project and every installed package, by name, with the version its project file declares. */
  projects?: Map<string, { version?: string }>;
  /** Installed packages' own `vars:`, by package name. */
  packageVars?: Map<string, Record<string, unknown>>;
  cliVars: Record<string, unknown>;
  invocationId: string;
  runStartedAt: PyDateTime;
  flags: Record<string, unknown>;
  dispatch: { macro_namespace: string; search_order: string[] }[];
  docs: Map<string, string>;
  /** Lines printed by `log(msg, info=True)` and `exceptions.warn`. */
  log: (message: string, level: 'info' | 'warn' | 'debug' | 'print') => void;
  graph: () => Record<string, unknown>;
  /** Unique ids the command selected, once it has selected them (`selected_resources`). */
  selectedResources?: string[];
  /** Environment variables `env_var()` has read, with the value it found, when parsing records them. */
  envVarsRead?: Map<string, string | undefined>;
}

/**
 * A new invocation's context, before the project is read: no project name, vars or target yet (parsing fills them
 * in; `deps` never needs them). `fields` replaces the defaults it names.
 */
export function newInvocation(fields: Partial<InvocationContext> = {}): InvocationContext {
  return {
    projectName: '',
    target: undefined as unknown as Target,
    projectVars: {},
    cliVars: {},
    invocationId: randomUUID(),
    runStartedAt: nowUtc(),
    flags: {},
    dispatch: [],
    docs: new Map(),
    log: () => undefined,
    // While parsing, the graph has no entries yet; its collections are there, empty, so that `graph.nodes.values() | ...`
    // outside `if execute` renders empty, as dbt's lenient parse-time undefined lets it.
    graph: () => ({ nodes: {}, sources: {}, exposures: {}, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} }),
    ...fields,
  };
}

/** nunjucks passes keyword arguments as a trailing object flagged `__keywords`. */
export function splitArgs(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  if (last && typeof last === 'object' && last.__keywords === true) {
    const { __keywords, ...kwargs } = last;
    void __keywords;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: args, kwargs: {} };
}

function arg(args: { positional: unknown[]; kwargs: Record<string, unknown> }, index: number, name: string): unknown {
  return args.positional.length > index ? args.positional[index] : args.kwargs[name];
}

interface StoredResult {
  table: QueryTable | null;
  response?: unknown;
}

const statementResults = new WeakMap<object, Map<string, StoredResult>>();

/** Installs dbt's Jinja context (ref, source, config, var, target, adapter, ...) as globals of the renderer. */
export function installDbtContext(renderer: TemplateRenderer, invocation: InvocationContext): void {
  const define = (name: string, value: unknown) => renderer.defineGlobal(name, value);
  // As dbt-core merges vars: --vars, then the root project's block for the node's package, the root's globals, then
  // each installed package's own vars (its block for that package, its globals).
  const lookupVar = (name: string): { found: boolean; value?: unknown } => {
    if (name in invocation.cliVars) return { found: true, value: invocation.cliVars[name] };
    const pkg = renderer.scope.packageName ?? invocation.projectName;
    const layers = [invocation.projectVars, ...(invocation.packageVars?.values() ?? [])];
    for (const vars of layers) {
      const scoped = vars[pkg];
      if (isPlainObject(scoped) && name in scoped) return { found: true, value: scoped[name] };
      if (name in vars) return { found: true, value: vars[name] };
    }
    return { found: false };
  };
  const varFunction = (...raw: unknown[]) => {
    const args = splitArgs(raw);
    const name = String(arg(args, 0, 'name'));
    const found = lookupVar(name);
    // As dbt's var(): a string value holding Jinja is rendered in the calling node's context when it is read.
    if (found.found)
      return typeof found.value === 'string' && /{[{%]/.test(found.value) ? renderer.render(found.value, renderer.scope.file, renderer.scope) : found.value;
    if (args.positional.length > 1 || 'default' in args.kwargs) return arg(args, 1, 'default');
    throw new ProjectError(
      `required var '${name}' not found`,
      { file: renderer.scope.file },
      `pass it with --vars '{${name}: ...}', define it under \`vars:\` in the project file, or give var('${name}', <default>)`,
    );
  };
  varFunction.has_var = (name: unknown) => lookupVar(String(name)).found;
  define('var', varFunction);
  define('env_var', (...raw: unknown[]) => {
    const args = splitArgs(raw);
    const name = String(arg(args, 0, 'var'));
    renderer.scope.noteVolatile?.();
    const value = process.env[name];
    invocation.envVarsRead?.set(name, value);
    if (value !== undefined) return value;
    if (args.positional.length > 1 || 'default' in args.kwargs) return arg(args, 1, 'default');
    throw new ProjectError(`environment variable '${name}' is not set`, { file: renderer.scope.file }, `set it, or give env_var('${name}', <default>)`);
  });
  renderer.defineGlobal(
    'target',
    () => {
      const { target } = invocation;
      return {
        name: target.name,
        target_name: target.name,
        schema: target.schema,
        type: target.type,
        threads: target.threads,
        profile_name: target.profileName,
        database: target.database,
        path: target.path,
      };
    },
    true,
  );
  renderer.defineGlobal('project_name', () => invocation.projectName, true);
  const volatile =
    <T>(value: () => T) =>
    () => {
      renderer.scope.noteVolatile?.();
      return value();
    };
  renderer.defineGlobal(
    'invocation_id',
    volatile(() => invocation.invocationId),
    true,
  );
  renderer.defineGlobal(
    'run_started_at',
    volatile(() => invocation.runStartedAt),
    true,
  );
  const modules = { datetime: createDatetimeModule(() => renderer.scope.now?.() ?? nowUtc()), re: pythonRe, pytz: pytzModule };
  renderer.defineGlobal(
    'modules',
    volatile(() => modules),
    true,
  );
  renderer.defineGlobal(
    'flags',
    volatile(() => invocation.flags),
    true,
  );
  renderer.defineGlobal('dbt_metadata_envs', () => metadataEnvs(), true);
  define('dbt_version', '1.10.0');
  // `builtins.ref.config` is dbt's RuntimeConfig; packages (elementary) read the project's name and its dependencies' versions there.
  const runtimeConfig = () => ({
    project_name: invocation.projectName,
    profile_name: invocation.target?.profileName,
    target_name: invocation.target?.name,
    // dbt's VarProvider: read as a mapping, or as a dict through to_dict().
    vars: withToDict({ ...invocation.projectVars }),
    dependencies: Object.fromEntries([...(invocation.projects ?? [])].map(([name, p]) => [name, { project_name: name, version: p.version ?? null }])),
  });
  const builtinRef = Object.defineProperty((...a: unknown[]) => callRef(renderer, a), 'config', { get: runtimeConfig, enumerable: true });
  define('builtins', { ref: builtinRef, source: (s: string, t: string) => renderer.scope.source(s, t) });

  define('ref', (...a: unknown[]) => callRef(renderer, a));
  define('source', (sourceName: string, tableName: string) => renderer.scope.source(sourceName, tableName));
  const config = (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    renderer.scope.setConfig(isPlainObject(positional[0]) ? { ...positional[0], ...kwargs } : kwargs);
    return '';
  };
  config.get = (key: string, fallback: unknown = null) => renderer.scope.getConfig(key) ?? fallback;
  config.require = (key: string) => {
    const value = renderer.scope.getConfig(key);
    if (value === undefined || value === null) throw new ProjectError(`config '${key}' is required here`, { file: renderer.scope.file });
    return value;
  };
  define('config', config);
  renderer.defineGlobal('this', () => renderer.scope.thisRelation, true);
  renderer.defineGlobal('model', () => renderer.scope.model, true);
  renderer.defineGlobal('execute', () => renderer.scope.execute, true);
  renderer.defineGlobal(
    'graph',
    volatile(() => invocation.graph()),
    true,
  );
  define('is_incremental', () => renderer.scope.isIncremental());
  define('should_store_failures', () => !!renderer.scope.getConfig('store_failures'));

  // Everything a render prints passes here; a render done ahead of its turn stops before it prints.
  const say = (message: string, level: Parameters<typeof invocation.log>[1]) => {
    renderer.scope.beforeOutput?.();
    invocation.log(message, level);
  };
  // Logging is a side effect a reused render would lose.
  define('log', (...raw: unknown[]) => {
    renderer.scope.noteVolatile?.();
    if (renderer.scope.replaysLog?.()) return '';
    const args = splitArgs(raw);
    say(String(arg(args, 0, 'msg')), arg(args, 1, 'info') ? 'info' : 'debug');
    return '';
  });
  // Python's print(): the text as it is, on stdout (codegen's output is pasted into files).
  define('print', (...raw: unknown[]) => {
    renderer.scope.noteVolatile?.();
    if (renderer.scope.replaysLog?.()) return '';
    say(splitPyArgs(raw).args.map(pyStr).join(' '), 'print');
    return '';
  });
  define('exceptions', {
    raise_compiler_error: (message: unknown) => {
      throw new ProjectError(`compilation error: ${String(message)}`, { file: renderer.scope.file });
    },
    raise_not_implemented: (message: unknown) => {
      throw new ProjectError(`not implemented: ${String(message)}`, { file: renderer.scope.file });
    },
    warn: (message: unknown) => {
      if (renderer.scope.replaysLog?.()) return '';
      say(String(message), 'warn');
      return '';
    },
  });
  // Warned once per place: a macro's undefined name would otherwise repeat for every node that calls it.
  const undefinedWarned = new Set<string>();
  define('__warn_undefined', (name: string, template: string, line: number) => {
    const where = `${template || renderer.scope.file}:${line}`;
    if (undefinedWarned.has(`${where}\0${name}`)) return;
    say(`${where}: '${name}' is undefined and renders empty (rendering ${renderer.scope.file})`, 'warn');
    undefinedWarned.add(`${where}\0${name}`);
  });
  define('return', (value: unknown) => {
    throw new MacroReturn(value);
  });
  // run_query does not open a transaction (dbt's statement(auto_begin=false)); statement does unless told not to.
  define('run_query', (sql: unknown) => (renderer.scope.execute ? renderer.scope.runQuery(String(sql)) : null));
  const storeResult = (name: string, result: StoredResult) => {
    let results = statementResults.get(renderer.scope);
    if (!results) statementResults.set(renderer.scope, (results = new Map()));
    results.set(name, result);
    return '';
  };
  define('statement', (...raw: unknown[]) => {
    const args = splitArgs(raw);
    const name = String(arg(args, 0, 'name') ?? 'statement');
    const caller = args.kwargs.caller as (() => unknown) | undefined;
    const sql = caller ? String(caller()) : '';
    if (!renderer.scope.execute) return '';
    const table = renderer.scope.runQuery(sql, { autoBegin: args.kwargs.auto_begin !== false, name });
    return storeResult(name, { table });
  });
  define('store_result', (...raw: unknown[]) => {
    const args = splitArgs(raw);
    return storeResult(String(arg(args, 0, 'name')), { table: (arg(args, 2, 'agate_table') as QueryTable) ?? null, response: arg(args, 1, 'response') });
  });
  define('store_raw_result', (...raw: unknown[]) => {
    const args = splitArgs(raw);
    const response = { _message: arg(args, 1, 'message') ?? 'OK', code: arg(args, 2, 'code') ?? null, rows_affected: arg(args, 3, 'rows_affected') ?? null };
    return storeResult(String(arg(args, 0, 'name')), { table: (arg(args, 4, 'agate_table') as QueryTable) ?? null, response });
  });
  define('load_result', (name: string) => {
    const result = statementResults.get(renderer.scope)?.get(name);
    if (!result) return null;
    const response = result.response ?? { _message: 'OK', rows_affected: result.table?.length ?? 0 };
    return { data: result.table?.rows ?? [], table: result.table, response };
  });

  const dialect = () => dialectFor(invocation.target.type);
  // A part given as none is left out of the lookup (a temporary relation has neither database nor schema).
  const partOf = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const relationOf = (database: unknown, schema: unknown, identifier: unknown): Relation | null => {
    if (!renderer.scope.execute) return null;
    const name = { database: partOf(database), schema: partOf(schema), identifier: String(identifier) };
    const rows = renderer.scope.runQuery(dialect().findRelationSql(name));
    if (!rows || rows.length === 0) return null;
    const kind = rows[0][0] === 'view' ? 'view' : 'table';
    return new Relation(name.database, name.schema, name.identifier, kind);
  };
  const adapter = {
    type: () => invocation.target.type,
    quote: (identifier: string) => dialect().quote(String(identifier)),
    dispatch: (...raw: unknown[]) => {
      const args = splitArgs(raw);
      // dbt 1.x refuses the `packages` argument of dbt 0.x rather than search somewhere else than asked.
      if (args.kwargs.packages !== undefined || args.positional.length > 2)
        throw new ProjectError(
          `adapter.dispatch('${String(arg(args, 0, 'macro_name'))}'): the "packages" argument was removed in dbt 1.0`,
          { file: renderer.scope.file },
          'pass macro_namespace (the package name) instead; a package that still uses packages= needs a newer release',
        );
      return resolveDispatch(renderer, invocation, String(arg(args, 0, 'macro_name')), arg(args, 1, 'macro_namespace') as string | undefined);
    },
    get_relation: (...raw: unknown[]) => {
      const args = splitArgs(raw);
      return relationOf(arg(args, 0, 'database'), arg(args, 1, 'schema'), arg(args, 2, 'identifier'));
    },
    get_columns_in_relation: (relation: Relation) => {
      if (!renderer.scope.execute || !relation) return [];
      const table = renderer.scope.runQuery(dialect().columnsSql(relation.toName()));
      return (table ?? []).map((row) => columnOf(String(row[0]), String(row[1])));
    },
    /** Drops the relation (`drop ... if exists ... cascade`), as dbt's adapter.drop_relation; a view when its type says so. */
    drop_relation: (relation: Relation) => {
      if (!renderer.scope.execute || !relation) return '';
      renderer.scope.runQuery(dialect().drop(relation.toName(), relation.type === 'view' ? 'view' : 'table'));
      return '';
    },
    check_schema_exists: (database: unknown, schema: unknown) => {
      const rows = renderer.scope.execute ? renderer.scope.runQuery(dialect().schemaExistsSql(String(database), String(schema))) : null;
      return !!rows && rows.length > 0;
    },
  };
  installMaterializationContext(renderer, adapter, dialect);
  define('adapter', adapter);
  define('load_relation', (relation: Relation) => (relation ? relationOf(relation.database, relation.schema, relation.identifier) : null));
  // Global-project macros that tsdbt implements natively, reachable as dbt.<name> like the others.
  const dbtNamespace = renderer.namespace('dbt');
  for (const name of ['run_query', 'load_relation', 'statement', 'load_result', 'store_result', 'store_raw_result', 'is_incremental', 'log', 'return'])
    dbtNamespace[name] = renderer.globalValue(name);
  define('api', {
    Relation: {
      // As dbt's BaseRelation.create: the parts not given stay none and are not rendered (no target defaults).
      create: (...raw: unknown[]) => {
        const args = splitArgs(raw);
        const relation = new Relation(
          partOf(arg(args, 0, 'database')),
          partOf(arg(args, 1, 'schema')),
          partOf(arg(args, 2, 'identifier')),
          (arg(args, 3, 'type') as RelationKind) ?? null,
        );
        const quotePolicy = args.kwargs.quote_policy as Record<string, unknown> | undefined;
        return quotePolicy ? relation.quote(quotePolicy) : relation;
      },
      // The name an ephemeral model's CTE gets; dbt_utils strips it to name the model in its errors.
      add_ephemeral_prefix: (name: string) => `__dbt__cte__${name}`,
    },
    Column: COLUMN_CLASS,
  });
  define('doc', (name: string) => {
    const contents = invocation.docs.get(name);
    if (contents === undefined)
      throw new ProjectError(
        `doc('${name}') refers to a docs block that does not exist`,
        { file: renderer.scope.file },
        'define it with {% docs name %}...{% enddocs %} in a .md file',
      );
    return contents;
  });
  installBaseContext(define);
  // As dbt's args_to_dict, flags without a value are left out (packages test `'key' in invocation_args_dict`).
  renderer.defineGlobal(
    'invocation_args_dict',
    () => ({
      ...Object.fromEntries(Object.entries(invocation.flags).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]]))),
      vars: invocation.cliVars,
    }),
    true,
  );
  // dbt's `context`: the render's namespace, where packages keep state across macro calls of one node (dbt_unit_testing's
  // context.get / context.update). Each render scope has its own; names of dbt's context itself are not listed in it.
  const contexts = new WeakMap<object, Record<string, unknown>>();
  renderer.defineGlobal(
    'context',
    () => {
      let own = contexts.get(renderer.scope);
      if (!own) contexts.set(renderer.scope, (own = {}));
      return own;
    },
    true,
  );
  renderer.defineGlobal('selected_resources', () => invocation.selectedResources ?? [], true);
  renderer.defineGlobal('context_macro_stack', () => ({ call_stack: renderer.macroStack.slice(), depth: renderer.macroStack.length }), true);
  // render(): Jinja text rendered with the current context, as dbt's `render` does for strings built at run time.
  define('render', (text: unknown) => renderer.render(String(text), renderer.scope.file, renderer.scope));
}

function callRef(renderer: TemplateRenderer, raw: unknown[]): Relation {
  const { positional, kwargs } = splitArgs(raw);
  const version = kwargs.version ?? kwargs.v;
  return renderer.scope.ref(String(positional[0]), positional[1], version);
}

/** dbt-duckdb's type labels: dbt's base Column's, where only STRING has its own name. */
const TYPE_LABELS: Record<string, string> = { STRING: 'TEXT' };

/** `api.Column`: the class methods of dbt's Column, as dbt-duckdb inherits them. */
const COLUMN_CLASS = {
  translate_type: (dtype: string) => TYPE_LABELS[String(dtype).toUpperCase()] ?? dtype,
  create: (name: string, labelOrType: string) => columnOf(name, COLUMN_CLASS.translate_type(labelOrType)),
  string_type: (size: unknown) => `character varying(${String(size)})`,
  numeric_type: (dtype: string, precision: unknown, scale: unknown) =>
    precision === null || precision === undefined || scale === null || scale === undefined ? dtype : `${dtype}(${String(precision)},${String(scale)})`,
};

/** dbt's Column as macros use it (union_relations keeps the widest string column via string_size()). */
function columnOf(name: string, dataType: string) {
  const isString = () => /CHAR|TEXT|STRING/i.test(dataType);
  const charSize = /\((\d+)\)/.exec(dataType);
  return {
    name,
    column: name,
    data_type: dataType,
    dtype: dataType,
    quoted: quoteIdentifier(name),
    char_size: isString() && charSize ? Number(charSize[1]) : null,
    is_string: isString,
    is_number: () => /INT|DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL/i.test(dataType),
    is_integer: () => /^U?(TINY|SMALL|BIG|HUGE)?INT(EGER|\d+)?$/i.test(dataType),
    is_float: () => /^(FLOAT|DOUBLE|REAL)/i.test(dataType),
    is_numeric: () => /^(DECIMAL|NUMERIC)/i.test(dataType),
    // As dbt: a string column without a declared length counts as 256 characters wide.
    string_size: () => {
      if (!isString())
        throw new ProjectError(`string_size() called on column '${name}' of type ${dataType}, which is not a string`, undefined, 'check col.is_string() first');
      return charSize ? Number(charSize[1]) : 256;
    },
  };
}

/** adapter.dispatch: `duckdb__<name>`, then `default__<name>`, in each package of the search order. */
function resolveDispatch(renderer: TemplateRenderer, invocation: InvocationContext, name: string, namespace?: string): unknown {
  const configured = invocation.dispatch.find((d) => d.macro_namespace === (namespace ?? 'dbt'));
  // dbt searches the root project before its own macros; a package's macros only, unless `dispatch:` says otherwise.
  const order = configured?.search_order ?? (namespace && namespace !== 'dbt' ? [namespace] : [invocation.projectName, 'dbt']);
  // As dbt: packages in search order, and within each package the adapter's implementation before the default.
  for (const pkg of order) {
    for (const prefix of [`${invocation.target.type}__`, 'default__']) {
      const macro = renderer.lookupMacro(pkg, prefix + name);
      if (macro) return macro;
    }
  }
  throw new ProjectError(
    `adapter.dispatch found no implementation of '${name}'${namespace ? ` in namespace '${namespace}'` : ''} (looked for ${invocation.target.type}__${name} and default__${name} in ${order.join(', ')})`,
    { file: renderer.scope.file },
    'define one of those macros, or check the macro name and namespace',
  );
}
