import { readEntries, type YamlEntry } from './exposures';
import { renderPropertiesEntry, type RenderText } from './render-properties';
import { readColumns, readConstraints, readTests, type TestSpec } from './column-properties';
import { dateText, readVersions, type ModelVersionInfo } from './model-versions';
import { ProjectError, type ErrorCollector } from '../errors';
import type { ColumnProperties, SourceLocation } from './types';

import { isPlainObject, type YamlFile } from './yaml-file';
import { readUnitTests, type UnitTestSpec } from '../unit-tests/spec';
import { PROPERTY_KEYS, unknownKeyWarnings } from './property-keys';

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
  /** A versioned model: one patch per version, the model's properties resolved for it (see model-versions). */
  versions?: NodePatch[];
  /** Set on the patch of one version. */
  version?: ModelVersionInfo;
  /** Models: `deprecation_date:` (a version's own, for a version). */
  deprecationDate?: string;
  /** Models: model-level `constraints:`. */
  constraints?: Record<string, unknown>[];
  /** Models: MetricFlow's `time_spine:`. */
  timeSpine?: Record<string, unknown>;
}

export interface SourcePatch {
  /** The project or package whose YAML declares the source (dbt's `package_name`). */
  packageName: string;
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
/**
 * `packageName`: the project or package the file belongs to. `render`: renders Jinja in the entries' values where dbt
 * does (see render-properties).
 */
export function readProperties(yaml: YamlFile, into: Properties, errors: ErrorCollector, packageName: string, render?: RenderText): void {
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
        into.sources.push(
          ...sourcePatches(render ? renderPropertiesEntry(source, 'source', render, yaml, ['sources', i]) : source, ['sources', i], yaml, packageName),
        ),
      ),
    );
  readUnitTests(yaml, into.unitTests, errors);
  readEntries(yaml, 'exposures', into.exposures, errors, packageName);
  readEntries(yaml, 'groups', into.groups, errors, packageName);
  readEntries(yaml, 'semantic_models', into.semanticModels, errors, packageName);
  readEntries(yaml, 'metrics', into.metrics, errors, packageName);
  readEntries(yaml, 'saved_queries', into.savedQueries, errors, packageName);
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
  const patch: NodePatch = {
    name: entry.name,
    relation: typeof entry.relation === 'string' ? entry.relation : undefined,
    description: String(entry.description ?? ''),
    config,
    columns,
    tests: [...readTests(entry.data_tests ?? entry.tests, [...path, entry.data_tests ? 'data_tests' : 'tests'], yaml), ...columnTests],
    location,
  };
  if (kind === 'model') {
    if (entry.constraints !== undefined) patch.constraints = readConstraints(entry.constraints, [...path, 'constraints'], yaml, true);
    if (isPlainObject(entry.time_spine)) patch.timeSpine = timeSpine(entry.time_spine);
    patch.versions = readVersions(entry, path, yaml, patch, warnings);
    if (!patch.versions) patch.deprecationDate = dateText(entry.deprecation_date);
  }
  return patch;
}

/** `time_spine:` with the keys dbt's manifest gives it. */
function timeSpine(value: Record<string, unknown>): Record<string, unknown> {
  const custom = Array.isArray(value.custom_granularities) ? value.custom_granularities : [];
  return {
    standard_granularity_column: value.standard_granularity_column ?? null,
    custom_granularities: custom.map((g) => ({ column_name: null, ...(isPlainObject(g) ? g : { name: g }) })),
  };
}

function sourcePatches(source: unknown, path: (string | number)[], yaml: YamlFile, packageName: string): SourcePatch[] {
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
    const tableConfig = isPlainObject(table.config) ? table.config : {};
    return {
      packageName,
      sourceName: source.name as string,
      tableName: table.name,
      identifier: String(table.identifier ?? table.name),
      database: (table.database ?? source.database) as string | undefined,
      schema: String(table.schema ?? source.schema ?? source.name),
      description: String(table.description ?? ''),
      sourceDescription: String(source.description ?? ''),
      loader: String(source.loader ?? ''),
      // A config (dbt 1.10.3+) or a property; the table's before the source's.
      loadedAtField: (tableConfig.loaded_at_field ?? table.loaded_at_field ?? sourceConfig.loaded_at_field ?? source.loaded_at_field) as string | undefined,
      freshness: table.freshness !== undefined ? table.freshness : source.freshness,
      external: table.external ?? undefined,
      meta: { ...sourceMeta, ...(isPlainObject(table.meta) ? table.meta : {}) },
      sourceMeta,
      quoting: { ...(isPlainObject(source.quoting) ? source.quoting : {}), ...(isPlainObject(table.quoting) ? table.quoting : {}) },
      tags: [...(Array.isArray(source.tags) ? source.tags : []), ...(Array.isArray(table.tags) ? table.tags : [])].map(String),
      config: { ...sourceConfig, ...tableConfig },
      columns,
      tests: [...readTests(table[testsKey], [...tablePath, testsKey], yaml), ...columnTests],
      location: tableLocation,
    };
  });
}
