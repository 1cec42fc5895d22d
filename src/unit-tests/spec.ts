import { ProjectError, type ErrorCollector, type SourceLocation } from '../errors';
import { isPlainObject, type YamlFile } from '../project/yaml-file';

export type FixtureFormat = 'dict' | 'csv' | 'sql';

/** Rows as written in YAML: inline (`rows:`) or in a file under `<test-path>/fixtures/` (`fixture:`). */
export interface FixtureSpec {
  format: FixtureFormat;
  /** dict: a list of mappings; csv and sql: text. */
  rows?: unknown;
  fixture?: string;
  location: SourceLocation;
}

/** What a `given` entry replaces: one of the model's refs or sources, or the model itself (`this`). */
export type InputTarget = { kind: 'ref'; name: string; package?: string } | { kind: 'source'; sourceName: string; tableName: string } | { kind: 'this' };

export interface GivenInput extends FixtureSpec {
  /** As written: `ref('stg_users')`. */
  input: string;
  target: InputTarget;
}

export interface UnitTestOverrides {
  macros: Record<string, unknown>;
  vars: Record<string, unknown>;
  envVars: Record<string, string>;
}

/** One entry of `unit_tests:` as written in a properties file. */
export interface UnitTestSpec {
  name: string;
  model: string;
  description: string;
  given: GivenInput[];
  expect: FixtureSpec;
  overrides: UnitTestOverrides;
  config: Record<string, unknown>;
  /** A versioned model: the versions to test (`versions: {include: [...]}` or `{exclude: [...]}`); every one when absent. */
  versions?: { include?: (string | number)[]; exclude?: (string | number)[] };
  location: SourceLocation;
}

const FORMATS: readonly FixtureFormat[] = ['dict', 'csv', 'sql'];

/** Adds the `unit_tests:` entries of one properties file to `into`, recording errors rather than stopping. */
export function readUnitTests(yaml: YamlFile, into: UnitTestSpec[], errors: ErrorCollector): void {
  const doc = yaml.value;
  if (!isPlainObject(doc) || doc.unit_tests === undefined || doc.unit_tests === null) return;
  if (!Array.isArray(doc.unit_tests)) {
    errors.add(
      new ProjectError('`unit_tests:` must be a list of entries with `name:`, `model:`, `given:` and `expect:`', {
        file: yaml.file,
        line: yaml.lineOf(['unit_tests']),
      }),
    );
    return;
  }
  doc.unit_tests.forEach((entry, i) => errors.attempt(() => into.push(unitTestSpec(entry, ['unit_tests', i], yaml))));
}

function unitTestSpec(entry: unknown, path: (string | number)[], yaml: YamlFile): UnitTestSpec {
  const location = { file: yaml.file, line: yaml.lineOf(path) };
  if (!isPlainObject(entry) || typeof entry.name !== 'string') throw new ProjectError('each unit test needs a `name:`', location);
  if (typeof entry.model !== 'string') {
    throw new ProjectError(`unit test '${entry.name}' needs a \`model:\` (the model it tests)`, location, 'add `model: <model name>`');
  }
  if (!isPlainObject(entry.expect)) {
    throw new ProjectError(`unit test '${entry.name}' needs an \`expect:\` mapping with \`rows:\``, location, 'add `expect: {rows: [{column: value}]}`');
  }
  const givenList = entry.given ?? [];
  if (!Array.isArray(givenList))
    throw new ProjectError(`\`given:\` of unit test '${entry.name}' must be a list of inputs`, { file: yaml.file, line: yaml.lineOf([...path, 'given']) });
  const given = givenList.map((input, i) => givenInput(input, [...path, 'given', i], yaml));
  const overrides = isPlainObject(entry.overrides) ? entry.overrides : {};
  const envVars = isPlainObject(overrides.env_vars) ? overrides.env_vars : {};
  return {
    name: entry.name,
    model: entry.model,
    description: String(entry.description ?? ''),
    given,
    expect: fixtureSpec(entry.expect, [...path, 'expect'], yaml),
    overrides: {
      macros: isPlainObject(overrides.macros) ? overrides.macros : {},
      vars: isPlainObject(overrides.vars) ? overrides.vars : {},
      envVars: Object.fromEntries(Object.entries(envVars).map(([k, v]) => [k, String(v)])),
    },
    config: isPlainObject(entry.config) ? { ...entry.config } : {},
    versions: isPlainObject(entry.versions) ? versionsToTest(entry.versions) : undefined,
    location,
  };
}

function versionsToTest(value: Record<string, unknown>): UnitTestSpec['versions'] {
  const list = (key: string) => (Array.isArray(value[key]) ? (value[key] as (string | number)[]) : undefined);
  return { include: list('include'), exclude: list('exclude') };
}

function givenInput(entry: unknown, path: (string | number)[], yaml: YamlFile): GivenInput {
  const location = { file: yaml.file, line: yaml.lineOf(path) };
  if (!isPlainObject(entry) || typeof entry.input !== 'string') {
    throw new ProjectError("each `given:` entry needs an `input:` such as ref('model') or source('src', 'table')", location);
  }
  return { ...fixtureSpec(entry, path, yaml), input: entry.input, target: parseInputTarget(entry.input, location) };
}

function fixtureSpec(entry: Record<string, unknown>, path: (string | number)[], yaml: YamlFile): FixtureSpec {
  const location = { file: yaml.file, line: yaml.lineOf(path) };
  const format = (entry.format ?? 'dict') as FixtureFormat;
  if (!FORMATS.includes(format)) throw new ProjectError(`unknown fixture format '${String(entry.format)}'`, location, 'use format: dict, csv or sql');
  if (entry.fixture !== undefined && typeof entry.fixture !== 'string') throw new ProjectError('`fixture:` must be a file name (without extension)', location);
  if (entry.fixture === undefined && format !== 'dict' && typeof entry.rows !== 'string') {
    throw new ProjectError(
      `\`rows:\` must be ${format === 'csv' ? 'CSV text (rows: |)' : 'a SQL query (rows: |)'} with format: ${format}`,
      location,
      'write the rows as a block string, or name a file with `fixture:`',
    );
  }
  if (format === 'dict' && entry.rows !== undefined && entry.rows !== null && !Array.isArray(entry.rows)) {
    throw new ProjectError('`rows:` must be a list of mappings, e.g. - {id: 1, name: a}', location, 'or set format: csv / format: sql for text rows');
  }
  return { format, rows: entry.rows ?? (entry.fixture === undefined ? [] : undefined), fixture: entry.fixture as string | undefined, location };
}

const REF_CALL = /^\s*ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?(?:,\s*v(?:ersion)?\s*=\s*['"]?[^)]*)?\)\s*$/;
const SOURCE_CALL = /^\s*source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)\s*$/;

/** `ref('a')`, `ref('pkg', 'a')`, `source('s', 't')` or `this`. */
export function parseInputTarget(input: string, location: SourceLocation): InputTarget {
  if (input.trim() === 'this') return { kind: 'this' };
  const ref = REF_CALL.exec(input);
  if (ref) return ref[4] === undefined ? { kind: 'ref', name: ref[2] } : { kind: 'ref', package: ref[2], name: ref[4] };
  const source = SOURCE_CALL.exec(input);
  if (source) return { kind: 'source', sourceName: source[2], tableName: source[4] };
  throw new ProjectError(
    `unit test input '${input}' is not a ref(), source() or this`,
    location,
    "write input: ref('model_name'), source('source_name', 'table_name') or this",
  );
}

/** How an input is written back for messages and CTE names. */
export function describeTarget(target: InputTarget): string {
  if (target.kind === 'this') return 'this';
  return target.kind === 'ref' ? `ref('${target.name}')` : `source('${target.sourceName}', '${target.tableName}')`;
}
