import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Node } from '../project/types';

export interface FileChecksum {
  name: 'sha256';
  checksum: string;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * What `state:modified.body` compares, as dbt's manifest `checksum`: the raw code, or for seeds the CSV file's bytes
 * (their raw code is empty), or for unit tests their YAML entry.
 */
export function nodeChecksum(node: Node): FileChecksum {
  if (node.resourceType === 'seed' && node.seedFile) return { name: 'sha256', checksum: sha256(readSeed(node.seedFile)) };
  if (node.resourceType === 'unit_test' && node.unitTest) return { name: 'sha256', checksum: sha256(JSON.stringify(node.unitTest)) };
  return { name: 'sha256', checksum: sha256(node.rawCode) };
}

/** A seed file removed since parsing is reported by the seed load; here it only needs a stable checksum. */
function readSeed(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch {
    return '';
  }
}

/** JSON with object keys sorted, so that two equal configs compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
