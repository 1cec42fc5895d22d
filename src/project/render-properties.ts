/*
 * Jinja in properties YAML, rendered where dbt renders it: every value of a model/seed/snapshot/analysis/source entry
 * (config, meta, tags, columns' names...) except descriptions, tests (rendered later, in the test's own context) and
 * config hooks (rendered when they run).
 */
import { isPlainObject } from './yaml-file';

export type RenderText = (text: string) => unknown;
type Keypath = (string | number)[];

const LATER = new Set<unknown>(['tests', 'data_tests', 'description']);

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

function renderValue(value: unknown, keypath: Keypath, skip: (keypath: Keypath) => boolean, render: RenderText): unknown {
  if (keypath.length > 0 && skip(keypath)) return value;
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value) : value;
  if (Array.isArray(value)) return value.map((item, i) => renderValue(item, [...keypath, i], skip, render));
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = renderValue(item, [...keypath, key], skip, render);
    return result;
  }
  return value;
}

/** One entry of `models:`, `seeds:`, `snapshots:`, `analyses:` (kind 'node') or `sources:` (kind 'source'). */
export function renderPropertiesEntry(entry: unknown, kind: 'node' | 'source', render: RenderText): unknown {
  return renderValue(entry, [], kind === 'node' ? renderedLater : sourceRenderedLater, render);
}
