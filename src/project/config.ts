import type { NodeConfig } from './types';
import { isPlainObject } from './yaml-file';

/** Config keys dbt accepts without a `+` prefix in the project file's config trees. */
const KNOWN_CONFIG_KEYS = new Set([
  'enabled',
  'materialized',
  'schema',
  'database',
  'alias',
  'tags',
  'meta',
  'pre-hook',
  'post-hook',
  'persist_docs',
  'full_refresh',
  'docs',
  'unique_key',
  'incremental_strategy',
  'on_schema_change',
  'quote_columns',
  'column_types',
  'delimiter',
  'csv_options',
  'severity',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'contract',
  'grants',
  'quoting',
  'sql_header',
  'group',
  'access',
  'strategy',
  'updated_at',
  'check_cols',
  'target_schema',
  'target_database',
  'hard_deletes',
  'invalidate_hard_deletes',
  'dbt_valid_to_current',
  'snapshot_meta_column_names',
  'event_time',
  'batch_size',
  'lookback',
  'begin',
  'concurrent_batches',
  'incremental_predicates',
  'merge_update_columns',
  'merge_exclude_columns',
  'transient',
  'copy_grants',
]);

/** Keys that accumulate across levels instead of replacing (dbt's "additive" configs). */
const LIST_APPEND_KEYS = new Set(['tags', 'pre-hook', 'post-hook']);
const DICT_MERGE_KEYS = new Set(['meta', 'docs', 'persist_docs', 'column_types', 'grants', 'quoting']);

/** Normalises a single config entry's key and value to dbt's canonical form. */
function canonical(key: string, value: unknown): [string, unknown] {
  const name = key.startsWith('+') ? key.slice(1) : key;
  const normalisedName = name === 'pre_hook' ? 'pre-hook' : name === 'post_hook' ? 'post-hook' : name;
  if (LIST_APPEND_KEYS.has(normalisedName)) {
    const list = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    return [normalisedName, normalisedName === 'tags' ? list.map(String) : list];
  }
  return [normalisedName, value];
}

/** Applies `update` on top of `base` with dbt's merge rules; returns a new object. */
export function mergeConfig(base: NodeConfig, update: Record<string, unknown>): NodeConfig {
  const merged: NodeConfig = { ...base };
  for (const [rawKey, rawValue] of Object.entries(update)) {
    if (rawKey === '__keywords') continue;
    const [key, value] = canonical(rawKey, rawValue);
    const previous = merged[key];
    if (LIST_APPEND_KEYS.has(key)) {
      const list = [...((previous as unknown[]) ?? []), ...(value as unknown[])];
      merged[key] = key === 'tags' ? [...new Set(list as string[])] : list;
    } else if (DICT_MERGE_KEYS.has(key) && isPlainObject(previous) && isPlainObject(value)) {
      merged[key] = { ...previous, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * The config a node gets from a project-file tree (`models:`, `seeds:`, ...): every level along its fqn contributes,
 * deeper levels winning. Keys with `+`, or known config names, are configs; other mappings are folders.
 */
export function configFromTree(tree: Record<string, unknown>, fqn: string[]): NodeConfig {
  let config: NodeConfig = {};
  let level: Record<string, unknown> | undefined = tree;
  config = mergeConfig(config, configEntriesOf(level));
  for (const part of fqn) {
    const next: unknown = level?.[part];
    if (!isPlainObject(next)) break;
    level = next;
    config = mergeConfig(config, configEntriesOf(level));
  }
  return config;
}

function configEntriesOf(level: Record<string, unknown>): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+') || (KNOWN_CONFIG_KEYS.has(key) && !isPlainObjectFolder(key, value))) entries[key] = value;
  }
  return entries;
}

/** `meta`, `docs`, ... are mappings yet configs; any other known key holding a mapping of mappings is a folder. */
function isPlainObjectFolder(key: string, value: unknown): boolean {
  return isPlainObject(value) && !DICT_MERGE_KEYS.has(key) && key !== 'contract' && key !== 'snapshot_meta_column_names';
}

/** dbt coerces rendered config strings such as "{{ var('x', true) }}" → "True" back to booleans. */
export function coerceRendered(value: string): unknown {
  const trimmed = value.trim();
  if (/^(true|True)$/.test(trimmed)) return true;
  if (/^(false|False)$/.test(trimmed)) return false;
  if (/^(none|None)$/.test(trimmed)) return null;
  return value;
}
