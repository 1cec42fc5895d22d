import type { Manifest } from '../parse/manifest';
import { fullConfig } from '../parse/node-dict';
import type { Node, SourceTable } from '../project/types';
import { nodeChecksum, stableJson } from './checksum';
import { macroCalls, macroClosure } from './macro-calls';
import type { PreviousState, StateNode } from './previous-state';

/** What `state:<check>` answers for one node: `new`, `modified` and the `modified.<part>` sub-selectors. */
export type StateFlags = { modified?: boolean; new?: boolean; [check: string]: boolean | undefined };

/**
 * Compares every node and source of the current project with the previous manifest, as dbt's state comparison:
 * body by checksum, configs and relation by config (not the resolved relation, which differs per target),
 * descriptions only where persist_docs writes them, contracts only where enforced, macros by their text through
 * every macro they call. Children of a modified node are not modified themselves: `state:modified+` adds them.
 */
export function compareWithState(manifest: Manifest, previous: PreviousState): Map<string, StateFlags> {
  const changedMacros = modifiedMacros(manifest, previous);
  const calls = macroCalls(manifest.macros, manifest.project.name);
  const flags = new Map<string, StateFlags>();
  for (const node of manifest.nodes.values()) {
    const old = previous.nodes.get(node.uniqueId);
    flags.set(node.uniqueId, old ? nodeChanges(node, old, changedMacros, calls) : { new: true, modified: true });
  }
  for (const source of manifest.sources.values()) {
    const old = previous.sources.get(source.uniqueId);
    flags.set(source.uniqueId, old ? sourceChanges(source, old) : { new: true, modified: true });
  }
  return flags;
}

function nodeChanges(node: Node, old: StateNode, changedMacros: Set<string>, calls: Map<string, string[]>): StateFlags {
  const checks: StateFlags = {
    'modified.body': old.checksum?.checksum !== nodeChecksum(node).checksum,
    // Both sides as manifest.json writes them, dbt's defaults included.
    'modified.configs': stableJson(fullConfig(node, node.config)) !== stableJson(old.config ?? {}),
    'modified.relation': RELATION_KEYS.some((key) => stableJson(node.config[key] ?? null) !== stableJson(old.config?.[key] ?? null)),
    'modified.persisted_descriptions': descriptionsChanged(node, old),
    'modified.macros': [...macroClosure(node.dependsOn.macros, calls)].some((id) => changedMacros.has(id)),
    'modified.contract': contractChanged(node, old),
  };
  checks.modified = Object.values(checks).some(Boolean);
  return checks;
}

const RELATION_KEYS = ['database', 'schema', 'alias'] as const;

function descriptionsChanged(node: Node, old: StateNode): boolean {
  const persist = (node.config.persist_docs ?? {}) as { relation?: boolean; columns?: boolean };
  if (persist.relation && node.description !== (old.description ?? '')) return true;
  if (!persist.columns) return false;
  const described = (columns: Record<string, { description?: string }>) => stableJson(Object.entries(columns).map(([name, c]) => [name, c.description ?? '']));
  return described(node.columns) !== described(old.columns ?? {});
}

function contractChanged(node: Node, old: StateNode): boolean {
  const enforced = (config: Record<string, unknown> | undefined) => !!(config?.contract as { enforced?: boolean } | undefined)?.enforced;
  if (!enforced(node.config) && !enforced(old.config)) return false;
  const shape = (columns: Record<string, { data_type?: string | null }>) => stableJson(Object.entries(columns).map(([name, c]) => [name, c.data_type ?? null]));
  return enforced(node.config) !== enforced(old.config) || shape(node.columns) !== shape(old.columns ?? {});
}

/** Sources have no code: what matters is where they are read from and how freshness is checked. */
function sourceChanges(source: SourceTable, old: StateNode): StateFlags {
  const checks: StateFlags = {
    'modified.relation': source.database !== old.database || source.schema !== old.schema || source.identifier !== old.identifier,
    'modified.configs':
      stableJson(source.config) !== stableJson(old.config ?? {}) ||
      stableJson(source.freshness ?? null) !== stableJson(old.freshness ?? null) ||
      (source.loadedAtField ?? null) !== (old.loaded_at_field ?? null),
  };
  checks.modified = Object.values(checks).some(Boolean);
  return checks;
}

/** Project and package macros whose text differs from the previous manifest's, or that it did not have. */
function modifiedMacros(manifest: Manifest, previous: PreviousState): Set<string> {
  const changed = new Set<string>();
  for (const macro of manifest.macros.values()) {
    const old = previous.macros.get(macro.uniqueId);
    if (!old || (old.macro_sql !== undefined && old.macro_sql !== macro.macroSql)) changed.add(macro.uniqueId);
  }
  return changed;
}
