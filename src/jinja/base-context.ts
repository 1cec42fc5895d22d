/*
 * dbt's base context functions that need no node or database: Python builtins dbt adds to Jinja (set, zip), YAML and
 * JSON helpers, dict comparison, error wrapping.
 */
import { createHash } from 'node:crypto';
import { Scalar, stringify as stringifyYaml } from 'yaml';
import { ProjectError } from '../errors';
import { parseYamlValue } from '../project/yaml-file';
import { PyFloat, PySet, isMapping, pyJsonDumps, pyRepr, pyTuple, splitCallArgs } from './compat';

type Define = (name: string, value: unknown) => void;

function toItems(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isMapping(value)) return Object.keys(value).filter((key) => key !== '__keywords');
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  throw new ProjectError(`${name}(): ${pyRepr(value)} is not iterable`, undefined, `pass a list, string or dict to ${name}()`);
}

/** Python's set(): unique items in first-seen order (lists and dicts cannot be members, as in Python). */
function uniqueItems(value: unknown, name: string): unknown[] {
  const items = toItems(value, name);
  for (const item of items)
    if (item !== null && typeof item === 'object')
      throw new ProjectError(`${name}(): unhashable type in ${pyRepr(value)}`, undefined, 'only strings, numbers and booleans can go into a set');
  return PySet.from(new Set(items));
}

function zipLists(lists: unknown[], name: string): unknown[][] {
  const columns = lists.map((list) => toItems(list, name));
  const length = columns.length ? Math.min(...columns.map((c) => c.length)) : 0;
  return Array.from({ length }, (_, i) => pyTuple(columns.map((c) => c[i])));
}

/** dbt's diff_of_two_dicts: per key of `a`, the values (case-insensitive) missing from `b`'s list for that key. */
function diffOfTwoDicts(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const lower = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const left = lower(a);
  const right = lower(b);
  const diff: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(left)) {
    if (!(key in right)) {
      diff[key] = values;
      continue;
    }
    const others = new Set((right[key] as unknown[]).map((v) => String(v).toLowerCase()));
    const missing = [...new Set((values as unknown[]).map((v) => String(v).toLowerCase()))].filter((v) => !others.has(v));
    if (missing.length) diff[key] = missing;
  }
  return diff;
}

/** Installs the node-independent functions of dbt's base context. */
/** toyaml writes a whole float as `1.0`, as PyYAML does. */
function floatsAsFloats(_key: unknown, value: unknown): unknown {
  return value instanceof PyFloat ? Object.assign(new Scalar(value.value), { minFractionDigits: 1 }) : value;
}

export function installBaseContext(define: Define): void {
  define('set', (...raw: unknown[]) => {
    const { args } = splitCallArgs(raw);
    if (args.length === 0) return new PySet();
    try {
      return uniqueItems(args[0], 'set');
    } catch {
      return args[1] ?? null;
    }
  });
  define('set_strict', (value: unknown) => uniqueItems(value, 'set_strict'));
  define('zip', (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    try {
      return zipLists(args, 'zip');
    } catch {
      return kwargs.default ?? null;
    }
  });
  define('zip_strict', (...raw: unknown[]) => zipLists(splitCallArgs(raw).args, 'zip_strict'));
  define('fromjson', (text: string, fallback: unknown = null) => {
    try {
      return JSON.parse(text);
    } catch {
      return fallback;
    }
  });
  define('tojson', (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    try {
      return pyJsonDumps(args[0], { sortKeys: !!(args[2] ?? kwargs.sort_keys) });
    } catch {
      return args[1] ?? kwargs.default ?? null;
    }
  });
  define('fromyaml', (text: unknown, fallback: unknown = null) => {
    try {
      return parseYamlValue(String(text)) ?? null;
    } catch {
      return fallback;
    }
  });
  define('toyaml', (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    try {
      const value = args[0];
      const sortKeys = args[2] ?? kwargs.sort_keys ?? false;
      return stringifyYaml(value, floatsAsFloats, { sortMapEntries: !!sortKeys, lineWidth: 0 });
    } catch {
      return args[1] ?? kwargs.default ?? null;
    }
  });
  define('diff_of_two_dicts', diffOfTwoDicts);
  define('local_md5', (text: string) => createHash('md5').update(String(text)).digest('hex'));
  // dbt runs each node on a worker thread; macros only print or compare the name.
  define('thread_id', 'Thread-1');
  define('try_or_compiler_error', (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    const [message, fn, ...rest] = args;
    try {
      return (fn as (...a: unknown[]) => unknown)(...rest, ...(Object.keys(kwargs).length ? [{ ...kwargs, __keywords: true }] : []));
    } catch {
      throw new ProjectError(`compilation error: ${String(message)}`);
    }
  });
}
