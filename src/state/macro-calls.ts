import type { MacroDef } from '../project/types';

const CALL = /\b([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\(/g;

/**
 * The macros each macro's text calls (`name(` or `package.name(`), found statically as dbt records a macro's
 * depends_on.macros: a call under `{% if execute %}` counts even though a parse-time render never reaches it.
 * An unprefixed name resolves to the caller's own package first, then the root project, then any package.
 */
export function macroCalls(macros: Map<string, MacroDef>, rootPackage: string): Map<string, string[]> {
  const byName = new Map<string, MacroDef[]>();
  for (const macro of macros.values()) byName.set(macro.name, [...(byName.get(macro.name) ?? []), macro]);
  const calls = new Map<string, string[]>();
  for (const macro of macros.values()) {
    const found = new Set<string>();
    for (const [, first, second] of (macro.macroSql ?? '').matchAll(CALL)) {
      const target = second !== undefined ? macros.get(`macro.${first}.${second}`) : resolveName(byName.get(first) ?? [], macro.packageName, rootPackage);
      if (target && target.uniqueId !== macro.uniqueId) found.add(target.uniqueId);
    }
    calls.set(macro.uniqueId, [...found].sort());
  }
  return calls;
}

function resolveName(candidates: MacroDef[], callerPackage: string, rootPackage: string): MacroDef | undefined {
  return candidates.find((m) => m.packageName === callerPackage) ?? candidates.find((m) => m.packageName === rootPackage) ?? candidates[0];
}

/** `direct` and every macro they call, through any depth of macro calls. */
export function macroClosure(direct: Iterable<string>, calls: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const pending = [...direct];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...(calls.get(id) ?? []));
  }
  return seen;
}
