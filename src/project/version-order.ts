/* How model versions compare and are named; free of imports so that the docs site's selection code can use it. */
import type { ModelVersionId } from './types';

/** dbt's ordering of versions: as numbers when both are numbers, else as strings. */
export function compareVersions(a: ModelVersionId, b: ModelVersionId): number {
  const x = Number(a);
  const y = Number(b);
  if (String(a).trim() !== '' && String(b).trim() !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function sameVersion(a: ModelVersionId | undefined, b: ModelVersionId | undefined): boolean {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

/** `v2`: the last part of a versioned model's fqn and unique_id. */
export function versionSuffix(v: ModelVersionId): string {
  return `v${v}`;
}

/** How `ref(name, v=...)` and the ref lookup key a version: `name.v2`. */
export function versionedSearchName(name: string, v: ModelVersionId): string {
  return `${name}.${versionSuffix(v)}`;
}
