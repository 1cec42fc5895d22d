import { readEntries, type YamlEntry } from './exposures';
import { TEST_CONFIG_KEYS, renderPropertiesEntry, type RenderText } from './render-properties';
import { ProjectError, type ErrorCollector } from '../errors';
import type { ColumnProperties, SourceLocation } from './types';
import { isPlainObject, type YamlFile } from './yaml-file';
import { readUnitTests, type UnitTestSpec } from '../unit-tests/spec';
import { PROPERTY_KEYS, unknownKeyWarnings } from './property-keys';

/** A generic test as written in YAML, before it becomes a node. */
export interface TestSpec {
  /** Macro name, possibly namespaced: `unique`, `dbt_utils.expression_is_true`. */
  testName: string;
  args: Record<string, unknown>;
  config: Record<string, unknown>;
  customName?: string;
  columnName?: string;
  location: SourceLocation;
}

/** YAML properties for one model, seed, snapshot or analysis. */
export interface NodePatch {
  name: string;
  /** YAML snapshots (dbt 1.9): what they snapshot, e.g. `ref('orders')`. */
  relation?: string;
  description: string;
  config: Record<string, unknown>;
  columns: Record<string, ColumnProperties>;
  tests: TestSpec[];
  location: SourceLocation;
}

export interface SourcePatch {
  sourceName: string;
  tableName: string;
  identifier: string;
  database?: string;
  schema: string;
  description: string;
  sourceDescription: string;
  loader: string;
  loadedAtField?: string;
  freshness?: unknown;
  /** dbt's `external:` properties (location, file_format, partitions...), kept as written. */
  external?: unknown;
  meta: Record<string, unknown>;
  /** The source's own `meta:`, as dbt's `source_meta`. */
  sourceMeta: Record<string, unknown>;
  quoting: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  columns: Record<string, ColumnProperties>;
  tests: TestSpec[];
  location: SourceLocation;
}

export interface Properties {
  models: Map<string, NodePatch>;
  seeds: Map<string, NodePatch>;
  snapshots: Map<string, NodePatch>;
  analyses: Map<string, NodePatch>;
  sources: SourcePatch[];
  macros: Map<string, { description: string }>;
  unitTests: UnitTestSpec[];
  exposures: YamlEntry[];
  groups: YamlEntry[];
  semanticModels: YamlEntry[];
  metrics: YamlEntry[];
  savedQueries: YamlEntry[];
  /** Keys dbt would not read (typos such as `colums:`), as warnings with file and line. */
  warnings: string[];
}

export function emptyProperties(): Properties {
  return {
    models: new Map(),
    seeds: new Map(),
    snapshots: new Map(),
    analyses: new Map(),
    sources: [],
    macros: new Map(),
    unitTests: [],
    exposures: [],
    groups: [],
    semanticModels: [],
    metrics: [],
    savedQueries: [],
    warnings: [],
  };
}

/** Adds what one YAML properties file declares to `into`, recording errors rather than stopping. */
/** `render`: renders Jinja in the entries' values where dbt does (see render-properties). */
export function readProperties(yaml: YamlFile, into: Properties, errors: ErrorCollector, render?: RenderText): void {
  const doc = yaml.value;
  if (doc === null || doc === undefined) return;
  if (!isPlainObject(doc)) {
    errors.add(new ProjectError('a properties file must be a YAML mapping (version: 2, models: [...])', { file: yaml.file, line: 1 }));
    return;
  }
  into.warnings.push(...unknownKeyWarnings(doc, PROPERTY_KEYS.file, [], yaml, 'a properties file'));
  const kinds: [keyof Properties & ('models' | 'seeds' | 'snapshots' | 'analyses'), string][] = [
    ['models', 'model'],
    ['seeds', 'seed'],
    ['snapshots', 'snapshot'],
    ['analyses', 'analysis'],
  ];
  for (const [key, kind] of kinds) {
    const entries = doc[key];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      errors.add(new ProjectError(`\`${key}:\` must be a list of entries with \`name:\``, { file: yaml.file, line: yaml.lineOf([key]) }));
      continue;
    }
    entries.forEach((entry, i) => {
      errors.attempt(() => {
        const patch = nodePatch(render ? renderPropertiesEntry(entry, 'node', render, yaml, [key, i]) : entry, [key, i], yaml, kind, into.warnings);
        const existing = into[key].get(patch.name);
        if (existing) {
          throw new ProjectError(
            `found two properties entries for the ${kind} '${patch.name}' (also in ${existing.location.file}:${existing.location.line}); a resource and its columns may be described only once`,
            patch.location,
            `remove one of the entries for '${patch.name}'`,
          );
        }
        into[key].set(patch.name, patch);
      });
    });
  }
  const sources = doc.sources;
  if (Array.isArray(sources))
    sources.forEach((source, i) =>
      errors.attempt(() =>
        into.sources.push(...sourcePatches(render ? renderPropertiesEntry(source, 'source', render, yaml, ['sources', i]) : source, ['sources', i], yaml)),
      ),
    );
  readUnitTests(yaml, into.unitTests, errors);
  readEntries(yaml, 'exposures', into.exposures, errors);
  readEntries(yaml, 'groups', into.groups, errors);
  readEntries(yaml, 'semantic_models', into.semanticModels, errors);
  readEntries(yaml, 'metrics', into.metrics, errors);
  readEntries(yaml, 'saved_queries', into.savedQueries, errors);
  const macros = doc.macros;
  if (Array.isArray(macros)) {
    for (const macro of macros)
      if (isPlainObject(macro) && typeof macro.name === 'string') into.macros.set(macro.name, { description: String(macro.description ?? '') });
  }
}

function nodePatch(entry: unknown, path: (string | number)[], yaml: YamlFile, kind: string, warnings: string[]): NodePatch {
  const location = { file: yaml.file, line: yaml.lineOf(path) };
  if (!isPlainObject(entry) || typeof entry.name !== 'string') {
    throw new ProjectError(`each ${kind} entry needs a \`name:\``, location);
  }
  warnings.push(...unknownKeyWarnings(entry, PROPERTY_KEYS.node, path, yaml, `${kind} '${entry.name}'`));
  if (Array.isArray(entry.columns)) {
    entry.columns.forEach((column, i) => {
      if (isPlainObject(column) && typeof column.name === 'string') {
        warnings.push(...unknownKeyWarnings(column, PROPERTY_KEYS.column, [...path, 'columns', i], yaml, `column '${column.name}' of ${kind} '${entry.name}'`));
      }
    });
  }
  const config = { ...(isPlainObject(entry.config) ? entry.config : {}) };
  for (const key of ['tags', 'meta', 'docs'] as const) if (entry[key] !== undefined && config[key] === undefined) config[key] = entry[key];
  const { columns, tests: columnTests } = readColumns(entry.columns, [...path, 'columns'], yaml);
  return {
    name: entry.name,
    relation: typeof entry.relation === 'string' ? entry.relation : undefined,
    description: String(entry.description ?? ''),
    config,
    columns,
    tests: [...readTests(entry.data_tests ?? entry.tests, [...path, entry.data_tests ? 'data_tests' : 'tests'], yaml), ...columnTests],
    location,
  };
}

function readColumns(value: unknown, path: (string | number)[], yaml: YamlFile): { columns: Record<string, ColumnProperties>; tests: TestSpec[] } {
  const columns: Record<string, ColumnProperties> = {};
  const tests: TestSpec[] = [];
  if (!Array.isArray(value)) return { columns, tests };
  value.forEach((column, i) => {
    if (!isPlainObject(column) || typeof column.name !== 'string') {
      throw new ProjectError('each column entry needs a `name:`', { file: yaml.file, line: yaml.lineOf([...path, i]) });
    }
    columns[column.name] = {
      name: column.name,
      description: String(column.description ?? ''),
      data_type: column.data_type === undefined ? undefined : String(column.data_type),
      meta: isPlainObject(column.meta) ? column.meta : {},
      tags: Array.isArray(column.tags) ? column.tags.map(String) : [],
    };
    const key = column.data_tests ? 'data_tests' : 'tests';
    // `quote: true` makes tests name the column as a quoted identifier, as dbt does.
    const testedColumn = column.quote === true ? `"${column.name}"` : column.name;
    for (const test of readTests(column[key], [...path, i, key], yaml)) tests.push({ ...test, columnName: testedColumn });
  });
  return { columns, tests };
}

function readTests(value: unknown, path: (string | number)[], yaml: YamlFile): TestSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ProjectError('tests must be a list', { file: yaml.file, line: yaml.lineOf(path) });
  return value.map((entry, i) => {
    const location = { file: yaml.file, line: yaml.lineOf([...path, i]) };
    if (typeof entry === 'string') return { testName: entry, args: {}, config: {}, location };
    if (!isPlainObject(entry)) throw new ProjectError('a test must be a name or a mapping `test_name: {arguments}`', location);
    const keys = Object.keys(entry);
    // `{ test_name: x, name: custom, ...args }` or `{ x: { ...args } }`
    const testName = typeof entry.test_name === 'string' ? entry.test_name : keys.length === 1 ? keys[0] : undefined;
    if (!testName) throw new ProjectError(`cannot tell which test this is (keys: ${keys.join(', ')})`, location, 'write it as `- test_name: {arg: value}`');
    const body = typeof entry.test_name === 'string' ? entry : entry[testName];
    const raw: Record<string, unknown> = isPlainObject(body) ? { ...body } : {};
    const config: Record<string, unknown> = isPlainObject(raw.config) ? { ...raw.config } : {};
    delete raw.config;
    delete raw.test_name;
    const customName = typeof raw.name === 'string' ? raw.name : undefined;
    delete raw.name;
    const args: Record<string, unknown> = isPlainObject(raw.arguments) ? { ...raw.arguments } : {};
    delete raw.arguments;
    for (const [key, v] of Object.entries(raw)) {
      if (TEST_CONFIG_KEYS.has(key)) config[key] = v;
      else args[key] = v;
    }
    return { testName, args, config, customName, location };
  });
}

function sourcePatches(source: unknown, path: (string | number)[], yaml: YamlFile): SourcePatch[] {
  const location = { file: yaml.file, line: yaml.lineOf(path) };
  if (!isPlainObject(source) || typeof source.name !== 'string') throw new ProjectError('each source needs a `name:`', location);
  const tables = Array.isArray(source.tables) ? source.tables : [];
  const sourceConfig = isPlainObject(source.config) ? source.config : {};
  const sourceMeta = isPlainObject(source.meta) ? source.meta : {};
  return tables.map((table, i) => {
    const tablePath = [...path, 'tables', i];
    const tableLocation = { file: yaml.file, line: yaml.lineOf(tablePath) };
    if (!isPlainObject(table) || typeof table.name !== 'string') throw new ProjectError('each source table needs a `name:`', tableLocation);
    const { columns, tests: columnTests } = readColumns(table.columns, [...tablePath, 'columns'], yaml);
    const testsKey = table.data_tests ? 'data_tests' : 'tests';
    return {
      sourceName: source.name as string,
      tableName: table.name,
      identifier: String(table.identifier ?? table.name),
      database: (table.database ?? source.database) as string | undefined,
      schema: String(table.schema ?? source.schema ?? source.name),
      description: String(table.description ?? ''),
      sourceDescription: String(source.description ?? ''),
      loader: String(source.loader ?? ''),
      loadedAtField: (table.loaded_at_field ?? source.loaded_at_field) as string | undefined,
      freshness: table.freshness !== undefined ? table.freshness : source.freshness,
      external: table.external ?? undefined,
      meta: { ...sourceMeta, ...(isPlainObject(table.meta) ? table.meta : {}) },
      sourceMeta,
      quoting: { ...(isPlainObject(source.quoting) ? source.quoting : {}), ...(isPlainObject(table.quoting) ? table.quoting : {}) },
      tags: [...(Array.isArray(source.tags) ? source.tags : []), ...(Array.isArray(table.tags) ? table.tags : [])].map(String),
      config: { ...sourceConfig, ...(isPlainObject(table.config) ? table.config : {}) },
      columns,
      tests: [...readTests(table[testsKey], [...tablePath, testsKey], yaml), ...columnTests],
      location: tableLocation,
    };
  });
}
