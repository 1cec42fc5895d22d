/*
 * dbt model versions (`versions:` in a model's properties): each version becomes its own node, with the model's
 * properties resolved for it. The pure rules live here: how versions compare, which one is latest, which columns
 * and tests a version has, which file defines it.
 */
import { ProjectError } from '../errors';
import { readColumns, readConstraints, readTests, isIncludeExclude, type TestSpec } from './column-properties';
import { mergeConfig } from './config';
import { PROPERTY_KEYS, unknownKeyWarnings } from './property-keys';
import type { ColumnProperties, ModelVersionId, SourceLocation } from './types';
import { compareVersions, sameVersion, versionSuffix } from './version-order';
import { isPlainObject, type YamlFile } from './yaml-file';

/** What a versioned node knows of its version. */
export interface ModelVersionInfo {
  v: ModelVersionId;
  /** The model's `latest_version`, else its greatest version. */
  latest: ModelVersionId;
  /** `defined_in:` the file (name without extension) that defines this version. */
  definedIn?: string;
}

/** The parts of a model's properties a version overrides. */
export interface VersionablePatch {
  name: string;
  description: string;
  config: Record<string, unknown>;
  columns: Record<string, ColumnProperties>;
  tests: TestSpec[];
  location: SourceLocation;
  version?: ModelVersionInfo;
  deprecationDate?: string;
  constraints?: Record<string, unknown>[];
}

/** The file (name without extension) that defines a version: `defined_in`, else `<model>_v<v>`. */
export function versionFileName(modelName: string, version: ModelVersionInfo): string {
  return version.definedIn ?? `${modelName}_${versionSuffix(version.v)}`;
}

/**
 * One patch per entry of `versions:`, each with the model's description, config, columns and tests as that version
 * sees them; undefined for a model without versions. `warnings` collects unknown keys.
 */
export function readVersions<P extends VersionablePatch>(
  entry: Record<string, unknown>,
  path: (string | number)[],
  yaml: YamlFile,
  base: P,
  warnings: string[],
): P[] | undefined {
  const list = entry.versions;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) return undefined;
  const at = (suffix: (string | number)[]) => ({ file: yaml.file, line: yaml.lineOf([...path, ...suffix]) });
  if (!Array.isArray(list)) throw new ProjectError(`\`versions:\` of model '${base.name}' must be a list of entries with \`v:\``, at(['versions']));
  const ids = list.map((version, i) => {
    if (!isPlainObject(version) || !isVersionId(version.v)) {
      throw new ProjectError(`each version of model '${base.name}' needs a \`v:\` (a number or a string)`, at(['versions', i]), 'write `- v: 1`');
    }
    return version.v;
  });
  ids.forEach((v, i) => {
    if (ids.findIndex((other) => sameVersion(other, v)) !== i) {
      throw new ProjectError(`Found duplicate version: '${v}' in versions list of model '${base.name}'`, at(['versions', i]), 'give each version its own `v:`');
    }
  });
  const declared = entry.latest_version;
  if (declared !== undefined && declared !== null && !ids.some((v) => String(v) === String(declared))) {
    throw new ProjectError(
      `latest_version: ${String(declared)} is not one of model '${base.name}' versions: [${ids.join(', ')}]`,
      at(['latest_version']),
      'set latest_version to one of the listed versions',
    );
  }
  const latest = isVersionId(declared) ? declared : ids.reduce((max, v) => (compareVersions(v, max) > 0 ? v : max));
  const modelTests = base.tests.filter((test) => test.columnName === undefined);
  const columnTests = base.tests.filter((test) => test.columnName !== undefined);
  return list.map((raw: Record<string, unknown>, i) => {
    const versionPath = [...path, 'versions', i];
    warnings.push(...unknownKeyWarnings(raw, PROPERTY_KEYS.version, versionPath, yaml, `version ${String(raw.v)} of model '${base.name}'`));
    const included = includedColumns(raw.columns, Object.keys(base.columns), base.name, at(['versions', i, 'columns']));
    const own = readColumns(raw.columns, [...versionPath, 'columns'], yaml, true);
    const columns: Record<string, ColumnProperties> = {};
    for (const name of included) columns[name] = base.columns[name];
    Object.assign(columns, own.columns);
    const testsKey = raw.data_tests !== undefined ? 'data_tests' : 'tests';
    const versionTests = raw[testsKey] === undefined || raw[testsKey] === null ? modelTests : readTests(raw[testsKey], [...versionPath, testsKey], yaml);
    const inheritedColumnTests = columnTests.filter((test) => included.includes(unquoted(test.columnName!)));
    const extra: Record<string, unknown> = {};
    for (const key of ['docs', 'access'] as const) if (raw[key] !== undefined) extra[key] = raw[key];
    return {
      ...base,
      description: typeof raw.description === 'string' && raw.description !== '' ? raw.description : base.description,
      config: mergeConfig(base.config, { ...(isPlainObject(raw.config) ? raw.config : {}), ...extra }),
      columns,
      tests: [...versionTests, ...inheritedColumnTests, ...own.tests],
      location: at(['versions', i]),
      version: { v: raw.v as ModelVersionId, latest, definedIn: typeof raw.defined_in === 'string' ? raw.defined_in : undefined },
      deprecationDate: dateText(raw.deprecation_date),
      constraints: raw.constraints !== undefined ? readConstraints(raw.constraints, [...versionPath, 'constraints'], yaml, true) : base.constraints,
    };
  });
}

function isVersionId(value: unknown): value is ModelVersionId {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '');
}

function unquoted(column: string): string {
  return column.startsWith('"') && column.endsWith('"') ? column.slice(1, -1) : column;
}

/** A `deprecation_date:` as written (a YAML timestamp as ISO text). */
export function dateText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * The model's columns a version keeps: every one unless its `columns:` has an `include: all | '*' | [names]`
 * and/or `exclude: [names]` entry (at most one).
 */
function includedColumns(value: unknown, baseColumns: string[], modelName: string, location: SourceLocation): string[] {
  const rules = Array.isArray(value) ? value.filter(isIncludeExclude) : [];
  if (rules.length === 0) return baseColumns;
  if (rules.length > 1) throw new ProjectError(`a version of model '${modelName}' can have at most one include/exclude element`, location);
  const { include = '*', exclude = [] } = rules[0];
  const all = include === '*' || include === 'all';
  if (!all && !Array.isArray(include)) {
    throw new ProjectError(`\`include:\` must be 'all', '*' or a list of column names (model '${modelName}')`, location);
  }
  if (!Array.isArray(exclude)) throw new ProjectError(`\`exclude:\` must be a list of column names (model '${modelName}')`, location);
  if (!all && exclude.length > 0) {
    throw new ProjectError(
      `\`exclude:\` may only be used with \`include: all\` (model '${modelName}')`,
      location,
      'set `include: all`, or list only the columns to include',
    );
  }
  const includeList = all ? baseColumns : (include as unknown[]).map(String);
  const excludeList = exclude.map(String);
  return baseColumns.filter((name) => includeList.includes(name) && !excludeList.includes(name));
}
