/**
 * Which `{% materialization %}` block builds a node, as dbt-core chooses it (find_materialization_macro_by_name).
 * A block `{% materialization name, adapter='x' %}` is the macro `materialization_name_x`; `default` stands for any
 * adapter. Candidates are ranked by specificity first (the target's adapter over `default`), then by where they are
 * defined (the root project over installed packages).
 *
 * tsdbt builds its built-in materializations itself. As dbt 1.8+ does by default
 * (`require_explicit_package_overrides_for_builtin_materializations`), only the root project may replace one; a
 * package's block of a built-in name is ignored, and reported so that the user knows.
 */

/** Materializations tsdbt implements natively (dbt's global project ones it supports). */
const BUILTIN_MATERIALIZATIONS = new Set(['view', 'table', 'incremental', 'ephemeral', 'seed', 'snapshot', 'test', 'unit']);

const CORE_PACKAGE = 'dbt';

/** Built-in materializations a root project's block may replace: those of models, which tsdbt runs through one path. */
const REPLACEABLE_BUILTINS = new Set(['view', 'table', 'incremental']);

export interface MacroCandidate {
  name: string;
  packageName: string;
}

export interface MaterializationChoice {
  /** The chosen macro, or none: tsdbt's own implementation (built-ins) or no implementation at all. */
  macro?: MacroCandidate;
  /** Blocks of a built-in name that dbt ignores: in an installed package, or replacing one tsdbt cannot hand over. */
  ignored: MacroCandidate[];
}

export function materializationMacroName(materialization: string, adapter: string): string {
  return `materialization_${materialization}_${adapter}`;
}

export function chooseMaterialization(
  macros: Iterable<MacroCandidate>,
  query: { materialization: string; adapterType: string; rootProject: string },
): MaterializationChoice {
  const specific = materializationMacroName(query.materialization, query.adapterType);
  const fallback = materializationMacroName(query.materialization, 'default');
  const candidates: (MacroCandidate & { rank: number })[] = [];
  for (const macro of macros) {
    // The `dbt` package's blocks are tsdbt's Jinja versions of its built-ins, for other blocks to call.
    if (macro.packageName === CORE_PACKAGE || (macro.name !== specific && macro.name !== fallback)) continue;
    const specificity = macro.name === specific ? 2 : 0;
    const locality = macro.packageName === query.rootProject ? 1 : 0;
    candidates.push({ ...macro, rank: specificity + locality });
  }
  const strip = ({ name, packageName }: MacroCandidate): MacroCandidate => ({ name, packageName });
  if (BUILTIN_MATERIALIZATIONS.has(query.materialization)) {
    const usable = REPLACEABLE_BUILTINS.has(query.materialization) ? candidates.filter((c) => c.packageName === query.rootProject) : [];
    const best = highest(usable);
    return { macro: best && strip(best), ignored: candidates.filter((c) => !usable.includes(c)).map(strip) };
  }
  const best = highest(candidates);
  return { macro: best && strip(best), ignored: [] };
}

/** The best-ranked candidate; among equals the first registered, as packages are registered in a stable order. */
function highest<T extends { rank: number }>(candidates: T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) if (!best || candidate.rank > best.rank) best = candidate;
  return best;
}

/**
 * What a materialization returned, checked as dbt checks it: `{'relations': [...]}`, the relations it built. A body that
 * ends without `return(...)` gives its rendered text, which dbt refuses.
 */
export function returnedRelations<R>(value: unknown, isRelation: (item: unknown) => item is R): { relations: R[] } | { problem: string } {
  const isMapping = typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (!isMapping) {
    if (isRelation(value)) return { problem: 'it returned a relation, not a mapping of "relations"' };
    return {
      problem: value === undefined || value === null || Array.isArray(value) ? `it returned ${describe(value)}` : 'it did not return the relations it built',
    };
  }
  if (!('relations' in value)) return { problem: `its return value has no "relations" (keys: ${Object.keys(value).join(', ') || 'none'})` };
  const relations = (value as { relations: unknown }).relations;
  if (!Array.isArray(relations)) return { problem: `its "relations" is ${describe(relations)}, not a list` };
  const stray = relations.find((item) => !isRelation(item));
  if (stray !== undefined) return { problem: `its "relations" holds ${describe(stray)}, which is not a relation` };
  return { relations: relations as R[] };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return `the text '${value.trim().slice(0, 60)}'`;
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `the ${typeof value} ${String(value)}`;
}
