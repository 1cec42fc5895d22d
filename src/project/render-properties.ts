/*
 * Jinja in properties YAML, rendered where dbt renders it: every value of a model/seed/snapshot/analysis/source entry
 * (config, meta, tags, columns' names...) except descriptions, tests' arguments (rendered later, in the test's own
 * context) and config hooks (rendered when they run). A test's configs (`config:` and the keys dbt reads as configs
 * beside the arguments, such as `severity` or `enabled`) are rendered here, as dbt's test builder does, when they
 * are strings at their top level.
 */
import { TsdbtError } from '../errors/tsdbt-error';
import { isPlainObject, type YamlFile } from './yaml-file';

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

/** Where an entry's values are rendered, and how: the rules of one kind of entry, and the file it is read from. */
interface EntryRules {
  skip: (keypath: Keypath) => boolean;
  insideTest: (keypath: Keypath) => Keypath | undefined;
  render: (text: string, keypath: Keypath) => unknown;
}

function renderValue(value: unknown, keypath: Keypath, rules: EntryRules): unknown {
  const rest = rules.insideTest(keypath);
  if (rest !== undefined ? typeof value === 'string' && !isTestConfig(rest) : keypath.length > 0 && rules.skip(keypath)) return value;
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? rules.render(value, keypath) : value;
  if (Array.isArray(value)) return value.map((item, i) => renderValue(item, [...keypath, i], rules));
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = renderValue(item, [...keypath, key], rules);
    return result;
  }
  return value;
}

/**
 * One entry of `models:`, `seeds:`, `snapshots:`, `analyses:` (kind 'node') or `sources:` (kind 'source'), found at
 * `path` in `yaml`: an error in a rendered value names the line of that value in the file.
 */
export function renderPropertiesEntry(entry: unknown, kind: 'node' | 'source', render: RenderText, yaml: YamlFile, path: Keypath): unknown {
  const sourceTest = (keypath: Keypath) => (keypath[0] === 'tables' && keypath.length > 2 ? insideTest(keypath.slice(2)) : undefined);
  return renderValue(entry, [], {
    skip: kind === 'node' ? renderedLater : sourceRenderedLater,
    insideTest: kind === 'node' ? insideTest : sourceTest,
    render: (text, keypath) => {
      try {
        return render(text);
      } catch (error) {
        const line = yaml.lineOf([...path, ...keypath]);
        // The template's own line counts from the value's first line.
        if (error instanceof TsdbtError && error.location?.file === yaml.file && line !== undefined)
          error.location.line = line + (error.location.line ?? 1) - 1;
        throw error;
      }
    },
  });
}
