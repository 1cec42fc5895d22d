import { createHash } from 'node:crypto';
import { entriesOf, isMapping, pyRepr, pyStr } from '../jinja/compat/python-values';
import type { TestSpec } from '../project/column-properties';
import type { RefCall } from '../project/types';

/** Test arguments that are configs, never part of the name. */
const NAME_EXCLUDED_ARGS = new Set(['model']);

function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value as object)
      .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
      .join(', ')}}`;
  return String(value);
}

function pythonRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : pythonStr(value);
}

/**
 * dbt's generic test naming: `<type>_<target>_<flattened args>`, each argument part cleaned to [0-9a-zA-Z_]; a name of
 * 64 characters or more becomes the first 30 characters of `<type>_<target>`, `_`, and the md5 of the full name.
 */
export function genericTestName(testType: string, targetName: string, args: Record<string, unknown>): { name: string; fullName: string } {
  const parts: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (NAME_EXCLUDED_ARGS.has(key)) continue;
    const value = args[key];
    const values = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : [value];
    parts.push(...values.map(pythonStr));
  }
  const unique = parts.map((p) => p.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const fullName = `${identifier}_${unique}`;
  if (fullName.length >= 64) {
    return { name: `${identifier.slice(0, 30)}_${createHash('md5').update(fullName).digest('hex')}`, fullName };
  }
  return { name: fullName, fullName };
}

/** What dbt hashes of a test's metadata: dicts with their keys sorted, lists kept, every other value as str(). */
function hashableMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashableMetadata);
  if (isMapping(value))
    return Object.fromEntries(
      entriesOf(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, hashableMetadata(v)]),
    );
  return pyStr(value === undefined ? null : value);
}

/**
 * The suffix of a generic test's unique_id, as dbt makes it: the last 10 hex digits of the md5 of the test's name and
 * the repr of its metadata (test name, namespace, arguments with `model`), so two tests named alike but with different
 * arguments are two tests (`like_pattern: "%@%"` and `"%&%"` both name `..._`).
 */
export function genericTestHash(
  name: string,
  metadata: { name: string; namespace: string | null | undefined; kwargs: Record<string, unknown> },
  modelArg: string,
): string {
  const hashable = hashableMetadata({ name: metadata.name, namespace: metadata.namespace ?? null, kwargs: { ...metadata.kwargs, model: modelArg } });
  return createHash('md5')
    .update(name + pyRepr(hashable))
    .digest('hex')
    .slice(-10);
}

/** The type part of a test name: `unique`, `dbt_utils_expression_is_true`, `source_not_null`. */
export function testTypeOf(spec: TestSpec, onSource: boolean): { macroName: string; namespace: string | null; typeName: string } {
  const dot = spec.testName.lastIndexOf('.');
  const namespace = dot >= 0 ? spec.testName.slice(0, dot) : null;
  const macroName = dot >= 0 ? spec.testName.slice(dot + 1) : spec.testName;
  const base = namespace ? `${namespace}_${macroName}` : macroName;
  return { macroName, namespace, typeName: onSource ? `source_${base}` : base };
}

const REF_IN_ARG = /\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,\s*(?:v|version)\s*=\s*['"]?([\w.]+)['"]?\s*)?\)/g;
const SOURCE_IN_ARG = /\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g;

/** ref()/source() written inside test arguments (`to: ref('dim_users')`) are dependencies of the test. */
export function callsInArgs(args: Record<string, unknown>): { refs: RefCall[]; sources: [string, string][] } {
  const refs: RefCall[] = [];
  const sources: [string, string][] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(REF_IN_ARG)) {
        const ref: RefCall = m[2] ? { name: m[2], package: m[1] } : { name: m[1] };
        refs.push(m[3] === undefined ? ref : { ...ref, version: m[3] });
      }
      for (const m of value.matchAll(SOURCE_IN_ARG)) sources.push([m[1], m[2]]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(args);
  return { refs, sources };
}

/** A test argument that is a Jinja expression (`ref('x')`, `source('a', 'b')`) rather than a literal. */
export function isJinjaExpressionArg(value: unknown): value is string {
  return typeof value === 'string' && /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s.test(value);
}
