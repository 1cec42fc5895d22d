/*
 * Jinja in properties YAML, rendered where dbt renders it: every value of a model/seed/snapshot/analysis/source entry
 * (config, meta, tags, columns' names...) except descriptions, tests' arguments (rendered later, in the test's own
 * context) and config hooks (rendered when they run). A test's configs (`config:` and the keys dbt reads as configs
 * beside the arguments, such as `severity` or `enabled`) are rendered here, as dbt's test builder does, when they
 * are strings at their top level.
 */
import { isPlainObject } from './yaml-file';

export type RenderText = (text: string) => unknown;
type Keypath = (string | number)[];

const LATER = new Set<unknown>(['description']);
const TESTS = new Set<unknown>(['tests', 'data_tests']);
/** Test keys that are configs rather than arguments (dbt accepts both places: beside the arguments or under `config:`). */
export const TEST_CONFIG_KEYS = new Set<unknown>([
  'severity',
  'tags',
  'enabled',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'meta',
  'database',
  'schema',
  'alias',
]);

/** The key path inside one test entry (after `tests, i`), when `keypath` lies in a node's or column's tests. */
function insideTest(keypath: Keypath): Keypath | undefined {
  if (keypath.length >= 2 && TESTS.has(keypath[0])) return keypath.slice(2);
  if (keypath.length >= 4 && keypath[0] === 'columns' && TESTS.has(keypath[2])) return keypath.slice(4);
  return undefined;
}

/** `not_null: {config: {enabled: ...}}`, `not_null: {severity: ...}`, or the flat forms `config: {...}` / `severity:`. */
function isTestConfig(rest: Keypath): boolean {
  if (rest.length === 3) return rest[1] === 'config';
  if (rest.length === 2) return rest[0] === 'config' || TEST_CONFIG_KEYS.has(rest[1]);
  return rest.length === 1 && TEST_CONFIG_KEYS.has(rest[0]);
}

/** dbt's rule, on key paths that include list positions (`['columns', 0, 'description']`). */
function renderedLater(keypath: Keypath): boolean {
  if (keypath.length >= 1 && LATER.has(keypath[0])) return true;
  if (keypath.length === 2 && LATER.has(keypath[1])) return true;
  if (keypath.length >= 2 && keypath[0] === 'config' && ['pre_hook', 'post_hook', 'pre-hook', 'post-hook'].includes(String(keypath[1]))) return true;
  if (keypath.length === 5 && keypath[4] === 'description') return true;
  return keypath.length >= 3 && keypath[0] === 'columns' && LATER.has(keypath[2]);
}

function sourceRenderedLater(keypath: Keypath): boolean {
  if (keypath[0] === 'description') return true;
  return keypath[0] === 'tables' && keypath.length > 2 && renderedLater(keypath.slice(2));
}

function renderValue(
  value: unknown,
  keypath: Keypath,
  skip: (keypath: Keypath) => boolean,
  render: RenderText,
  tests: (keypath: Keypath) => Keypath | undefined,
): unknown {
  const rest = tests(keypath);
  if (rest !== undefined) {
    if (typeof value === 'string')
      return isTestConfig(rest)
        ? renderValue(
            value,
            [],
            () => false,
            render,
            () => undefined,
          )
        : value;
  } else if (keypath.length > 0 && skip(keypath)) return value;
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value) : value;
  if (Array.isArray(value)) return value.map((item, i) => renderValue(item, [...keypath, i], skip, render, tests));
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = renderValue(item, [...keypath, key], skip, render, tests);
    return result;
  }
  return value;
}

/** One entry of `models:`, `seeds:`, `snapshots:`, `analyses:` (kind 'node') or `sources:` (kind 'source'). */
export function renderPropertiesEntry(entry: unknown, kind: 'node' | 'source', render: RenderText): unknown {
  const sourceTest = (keypath: Keypath) => (keypath[0] === 'tables' && keypath.length > 2 ? insideTest(keypath.slice(2)) : undefined);
  return renderValue(entry, [], kind === 'node' ? renderedLater : sourceRenderedLater, render, kind === 'node' ? insideTest : sourceTest);
}
