import { Graph, alg } from '@dagrejs/graphlib';
import fg from 'fast-glob';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

/** Relative modules a file imports: static imports and re-exports (types included), `require` and `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((specifier) => {
    const base = path.resolve(path.dirname(file), specifier);
    const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new Error(`${path.relative(SRC, file)} imports '${specifier}', which does not resolve to a source file`);
    return found;
  });
}

describe('the import graph of src/', () => {
  test('has no cycle, type-only imports included', () => {
    const graph = new Graph();
    for (const file of fg.sync('**/*.ts', { cwd: SRC, absolute: true })) {
      graph.setNode(file);
      for (const imported of importsOf(file)) graph.setEdge(file, imported);
    }
    expect(graph.nodeCount()).toBeGreaterThan(50);
    const cycles = alg.findCycles(graph).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' <- '));
    expect(cycles).toEqual([]);
  });
});
