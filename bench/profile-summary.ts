/**
 * Reads a V8 CPU profile (`node --cpu-prof ...`) and prints where the time went, as % of samples:
 * self time per function (file:line function), then total time (self + callees) per function and
 * per source file.
 *
 *   node dist/bench/profile-summary.js <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface Hotspot {
  where: string;
  percent: number;
}

const frameFile = (url: string) => {
  const file = url.replace(/^file:\/\//, '');
  const marker = file.lastIndexOf('/node_modules/');
  return marker >= 0 ? file.slice(marker + 1) : path.relative(process.cwd(), file) || file || '(native)';
};

function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${frameFile(url)}:${lineNumber + 1} ${functionName || '(anonymous)'}`;
}

/** Self time per function and inclusive time per file, largest first. */
export function summarizeProfile(profile: CpuProfile): { functions: Hotspot[]; inclusive: Hotspot[]; files: Hotspot[] } {
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples.length || 1;
  const parentOf = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, count] of selfSamples) {
    const node = byId.get(id)!;
    functions.set(keyOf(node), (functions.get(keyOf(node)) ?? 0) + count);
    // A file or function counts a sample once, however many of its frames are on the stack (recursion).
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = parentOf.get(current.id)) {
      const file = frameFile(current.callFrame.url);
      if (!seen.has(file)) files.set(file, (files.get(file) ?? 0) + count);
      const key = keyOf(current);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + count);
      seen.add(file).add(key);
    }
  }
  const ranked = (map: Map<string, number>) => [...map].map(([where, n]) => ({ where, percent: (100 * n) / total })).sort((a, b) => b.percent - a.percent);
  return { functions: ranked(functions), inclusive: ranked(inclusive), files: ranked(files) };
}

if (require.main === module) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary <file.cpuprofile> [top]');
    process.exitCode = 1;
  } else {
    const { functions, inclusive, files } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const print = (title: string, rows: Hotspot[]) => {
      console.log(title);
      for (const row of rows.slice(0, Number(top))) console.log(`${row.percent.toFixed(1).padStart(6)}%  ${row.where}`);
    };
    print('self time by function:', functions);
    print('\ntotal time by function (self + callees):', inclusive);
    print('\ntotal time by file (self + callees):', files);
  }
}
