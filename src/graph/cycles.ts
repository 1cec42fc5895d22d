import { Graph, alg } from '@dagrejs/graphlib';
import type { Dag } from './dag';

/**
 * Every cycle of the graph, one path per strongly connected component (`['a', 'b', 'a']`), so that a project with
 * several cycles hears about all of them at once. Nodes that cannot be on a cycle (repeatedly: no parents left, or no
 * children left) are peeled off first; graphlib's Tarjan then runs on the small remainder only, since graphlib itself
 * is too slow for whole 10,000-node projects (see BENCHMARKS.md).
 */
export function allCycles(dag: Dag): string[][] {
  const core = cyclicCore(dag);
  if (core.size === 0) return [];
  const graph = new Graph({ directed: true });
  for (const id of core) graph.setNode(id);
  for (const id of core) for (const child of dag.children(id)) if (core.has(child)) graph.setEdge(id, child);
  return alg.findCycles(graph).map((component) => cyclePath(dag, new Set(component)));
}

function cyclicCore(dag: Dag): Set<string> {
  const core = new Set(dag.nodes());
  const peel = (degreeOf: (id: string) => string[]) => {
    const degree = new Map<string, number>();
    const queue: string[] = [];
    for (const id of core) {
      const d = degreeOf(id).filter((n) => core.has(n)).length;
      degree.set(id, d);
      if (d === 0) queue.push(id);
    }
    return { degree, queue };
  };
  for (const [inward, outward] of [
    [(id: string) => dag.parents(id), (id: string) => dag.children(id)],
    [(id: string) => dag.children(id), (id: string) => dag.parents(id)],
  ] as const) {
    const { degree, queue } = peel(inward);
    while (queue.length > 0) {
      const id = queue.pop()!;
      core.delete(id);
      for (const next of outward(id)) {
        if (!core.has(next)) continue;
        const d = degree.get(next)! - 1;
        degree.set(next, d);
        if (d === 0) queue.push(next);
      }
    }
  }
  return core;
}

/** A closed walk through one strongly connected component, found breadth-first from its first node. */
function cyclePath(dag: Dag, component: Set<string>): string[] {
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const child of dag.children(id)) {
      if (!component.has(child)) continue;
      if (child === start) {
        const between: string[] = [];
        for (let at = id; at !== start; at = previous.get(at)!) between.push(at);
        return [start, ...between.reverse(), start];
      }
      if (!previous.has(child)) {
        previous.set(child, id);
        queue.push(child);
      }
    }
  }
  return [start, start];
}
