import { ProjectError } from '../errors';
import { TEST_CONFIG_KEYS } from './render-properties';
import type { ColumnProperties, SourceLocation } from './types';
import { isPlainObject, type YamlFile } from './yaml-file';

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

/** A `columns:` list: the columns by name, and the tests declared on them (each with its column). */
/** `includeExclude`: a model version's list, where one entry may be `{include: ..., exclude: [...]}` instead (read elsewhere). */
export function readColumns(
  value: unknown,
  path: (string | number)[],
  yaml: YamlFile,
  includeExclude = false,
): { columns: Record<string, ColumnProperties>; tests: TestSpec[] } {
  const columns: Record<string, ColumnProperties> = {};
  const tests: TestSpec[] = [];
  if (!Array.isArray(value)) return { columns, tests };
  value.forEach((column, i) => {
    if (includeExclude && isIncludeExclude(column)) return;
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
    if (column.constraints !== undefined) columns[column.name].constraints = readConstraints(column.constraints, [...path, i, 'constraints'], yaml, false);
    if (typeof column.quote === 'boolean') columns[column.name].quote = column.quote;
    if (column.granularity !== undefined && column.granularity !== null) columns[column.name].granularity = String(column.granularity);
    const key = column.data_tests ? 'data_tests' : 'tests';
    // `quote: true` makes tests name the column as a quoted identifier, as dbt does.
    const testedColumn = column.quote === true ? `"${column.name}"` : column.name;
    for (const test of readTests(column[key], [...path, i, key], yaml)) tests.push({ ...test, columnName: testedColumn });
  });
  return { columns, tests };
}

/** A `tests:` / `data_tests:` list, each entry as a test name, its arguments and its config. */
export function readTests(value: unknown, path: (string | number)[], yaml: YamlFile): TestSpec[] {
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

/**
 * A `constraints:` list (of a column, or of a model when `modelLevel`), each with every key dbt's manifest gives a
 * constraint, so that macros reading them (`constraint.expression is none`) see what they would in dbt.
 */
export function readConstraints(value: unknown, path: (string | number)[], yaml: YamlFile, modelLevel: boolean): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ProjectError('constraints must be a list', { file: yaml.file, line: yaml.lineOf(path) });
  return value.map((entry, i) => {
    if (!isPlainObject(entry) || typeof entry.type !== 'string') {
      throw new ProjectError('each constraint needs a `type:`', { file: yaml.file, line: yaml.lineOf([...path, i]) }, 'e.g. `- type: not_null`');
    }
    const defaults = { name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] };
    return { type: entry.type, ...defaults, ...(modelLevel ? { columns: [] } : {}), ...entry };
  });
}

export function isIncludeExclude(entry: unknown): entry is { include?: unknown; exclude?: unknown } {
  return isPlainObject(entry) && entry.name === undefined && ('include' in entry || 'exclude' in entry);
}
