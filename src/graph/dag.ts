import { TsdbtError } from '../errors/tsdbt-error';
import { MinHeap } from './min-heap';

/** Thrown when an order is asked of a graph that has a cycle; `cycle` is the path, first id repeated last. */
export class DagCycleError extends TsdbtError {
  readonly exitCode = 2;

  constructor(readonly cycle: string[]) {
    super(`Found a cycle: ${formatCycle(cycle)}`);
  }
}

/** `['a', 'b', 'a']` → `a -> b -> a`. */
export function formatCycle(cycle: string[]): string {
  return cycle.join(' -> ');
}

export interface SubgraphOptions {
  /**
   * Also link kept nodes that were connected only through dropped nodes (a → [b] → c gives a → c),
   * as dbt does for the run queue: `--select a c` must still build `a` before `c`.
   */
  keepTransitiveEdges?: boolean;
}

/** Above this many children, a node gets a Set so duplicate-edge checks stay O(1). */
const FAN_OUT_INDEXED = 16;

/**
 * A directed acyclic graph of string ids; an edge goes from parent to child.
 *
 * Nodes are numbered in insertion order and walks run over typed arrays, so a 50,000-node,
 * 150,000-edge graph costs a few allocations per node. (@dagrejs/graphlib 4 keeps nodes and edges
 * as object keys and took over ten seconds just to load such a graph.) Every walk is iterative,
 * so long chains do not overflow the stack.
 */
export class Dag {
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly parentLists: number[][] = [];
  private readonly childLists: number[][] = [];
  private readonly childSets: (Set<number> | undefined)[] = [];
  private edges = 0;

  addNode(id: string): void {
    if (this.indexOf.has(id)) return;
    this.indexOf.set(id, this.ids.length);
    this.ids.push(id);
    this.parentLists.push([]);
    this.childLists.push([]);
    this.childSets.push(undefined);
  }

  /** `from` is the parent (built first), `to` the child. Unknown ids are added; repeated edges count once. */
  addEdge(from: string, to: string): void {
    this.addNode(from);
    this.addNode(to);
    const parent = this.indexOf.get(from) as number;
    const child = this.indexOf.get(to) as number;
    if (this.hasEdgeBetween(parent, child)) return;
    const children = this.childLists[parent];
    children.push(child);
    this.parentLists[child].push(parent);
    const indexed = this.childSets[parent];
    if (indexed) indexed.add(child);
    else if (children.length > FAN_OUT_INDEXED) this.childSets[parent] = new Set(children);
    this.edges++;
  }

  has(id: string): boolean {
    return this.indexOf.has(id);
  }

  get size(): number {
    return this.ids.length;
  }

  get edgeCount(): number {
    return this.edges;
  }

  /** All ids, in insertion order. */
  nodes(): string[] {
    return [...this.ids];
  }

  /** Direct parents, in the order their edges were added. */
  parents(id: string): string[] {
    return this.namesOf(this.parentLists, id);
  }

  /** Direct children, in the order their edges were added. */
  children(id: string): string[] {
    return this.namesOf(this.childLists, id);
  }

  hasEdge(from: string, to: string): boolean {
    const parent = this.indexOf.get(from);
    const child = this.indexOf.get(to);
    return parent !== undefined && child !== undefined && this.hasEdgeBetween(parent, child);
  }

  /** Nodes upstream of `id`, within `depth` edges when given (1 = direct parents). */
  ancestors(id: string, depth?: number): Set<string> {
    return this.ancestorsOfAll([id], depth);
  }

  /** Nodes downstream of `id`, within `depth` edges when given (1 = direct children). */
  descendants(id: string, depth?: number): Set<string> {
    return this.descendantsOfAll([id], depth);
  }

  /**
   * Union of `ancestors(id, depth)` over `ids`, in one walk. A start node is in the result only
   * when it is itself upstream of another start node.
   */
  ancestorsOfAll(ids: Iterable<string>, depth?: number): Set<string> {
    return this.reach(ids, depth, this.parentLists);
  }

  /** Union of `descendants(id, depth)` over `ids`, in one walk. */
  descendantsOfAll(ids: Iterable<string>, depth?: number): Set<string> {
    return this.reach(ids, depth, this.childLists);
  }

  /** Number of parents of every node: the starting counts of a ready queue. */
  inDegrees(): Map<string, number> {
    return new Map(this.ids.map((id, i) => [id, this.parentLists[i].length]));
  }

  /** Nodes without parents, in insertion order. */
  roots(): string[] {
    return this.ids.filter((_, i) => this.parentLists[i].length === 0);
  }

  /**
   * Every node after all its parents. Among nodes ready at the same time, the one added first
   * comes first, so the order only changes when the graph does. Throws DagCycleError.
   */
  topologicalOrder(): string[] {
    return this.topologicalIndices().map((i) => this.ids[i]);
  }

  /**
   * Length of the longest path from a root to each node (roots are 0): dbt's scheduling priority.
   * Throws DagCycleError.
   */
  depthFromRoots(): Map<string, number> {
    const depth = new Int32Array(this.size);
    const depths = new Map<string, number>();
    for (const node of this.topologicalIndices()) {
      for (const parent of this.parentLists[node]) depth[node] = Math.max(depth[node], depth[parent] + 1);
      depths.set(this.ids[node], depth[node]);
    }
    return depths;
  }

  /** One cycle as a path whose first id is repeated last (`['a','b','c','a']`), or null. */
  findCycle(): string[] | null {
    const NEW = 0;
    const ON_PATH = 1;
    const DONE = 2;
    const state = new Uint8Array(this.size);
    // The current path, and for each entry the next child to visit.
    const path = new Int32Array(this.size);
    const cursor = new Int32Array(this.size);
    for (let start = 0; start < this.size; start++) {
      if (state[start] !== NEW) continue;
      let top = 0;
      path[0] = start;
      cursor[0] = 0;
      state[start] = ON_PATH;
      while (top >= 0) {
        const node = path[top];
        const children = this.childLists[node];
        if (cursor[top] === children.length) {
          state[node] = DONE;
          top--;
          continue;
        }
        const child = children[cursor[top]++];
        if (state[child] === ON_PATH) {
          const from = path.indexOf(child);
          return [...path.subarray(from, top + 1), child].map((i) => this.ids[i]);
        }
        if (state[child] === NEW) {
          state[child] = ON_PATH;
          top++;
          path[top] = child;
          cursor[top] = 0;
        }
      }
    }
    return null;
  }

  /** A new Dag of the given ids (unknown ids ignored) and the edges between them, in insertion order. */
  subgraph(ids: Iterable<string>, options: SubgraphOptions = {}): Dag {
    const keep = new Uint8Array(this.size);
    for (const id of ids) {
      const index = this.indexOf.get(id);
      if (index !== undefined) keep[index] = 1;
    }
    const sub = new Dag();
    this.ids.forEach((id, i) => {
      if (keep[i]) sub.addNode(id);
    });
    if (options.keepTransitiveEdges) {
      this.addTransitiveEdges(sub, keep);
    } else {
      this.childLists.forEach((children, parent) => {
        if (!keep[parent]) return;
        for (const child of children) if (keep[child]) sub.addEdge(this.ids[parent], this.ids[child]);
      });
    }
    return sub;
  }

  private addTransitiveEdges(sub: Dag, keep: Uint8Array): void {
    // For each dropped node, the kept nodes reachable upstream through dropped nodes only.
    const keptUpstream: Set<number>[] = [];
    for (const node of this.topologicalIndices()) {
      const parents = this.parentLists[node];
      let upstream: Set<number>;
      if (parents.length === 1 && !keep[parents[0]]) {
        upstream = keptUpstream[parents[0]]; // shared, never mutated: chains stay linear
      } else {
        upstream = new Set();
        for (const parent of parents) {
          if (keep[parent]) upstream.add(parent);
          else for (const kept of keptUpstream[parent]) upstream.add(kept);
        }
      }
      if (keep[node]) {
        for (const parent of upstream) sub.addEdge(this.ids[parent], this.ids[node]);
      } else {
        keptUpstream[node] = upstream;
      }
    }
  }

  private topologicalIndices(): number[] {
    const remaining = Int32Array.from(this.parentLists, (parents) => parents.length);
    // Insertion indices, so the earliest-added ready node pops first.
    const ready = new MinHeap();
    remaining.forEach((count, node) => {
      if (count === 0) ready.push(node);
    });
    const order: number[] = [];
    while (ready.size > 0) {
      const node = ready.pop() as number;
      order.push(node);
      for (const child of this.childLists[node]) if (--remaining[child] === 0) ready.push(child);
    }
    if (order.length < this.size) throw new DagCycleError(this.findCycle() ?? []);
    return order;
  }

  /** Breadth-first walk; `depth` bounds the number of edges followed. */
  private reach(starts: Iterable<string>, depth: number | undefined, next: number[][]): Set<string> {
    const limit = depth ?? Infinity;
    const distance = new Int32Array(this.size).fill(-1);
    const queue = new Int32Array(this.size);
    let tail = 0;
    for (const id of starts) {
      const start = this.indexOf.get(id);
      if (start !== undefined && distance[start] === -1) {
        distance[start] = 0;
        queue[tail++] = start;
      }
    }
    const found = new Set<string>();
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      const nextDistance = distance[node] + 1;
      if (nextDistance > limit) continue;
      for (const neighbour of next[node]) {
        found.add(this.ids[neighbour]);
        if (distance[neighbour] === -1) {
          distance[neighbour] = nextDistance;
          queue[tail++] = neighbour;
        }
      }
    }
    return found;
  }

  private hasEdgeBetween(parent: number, child: number): boolean {
    const indexed = this.childSets[parent];
    return indexed ? indexed.has(child) : this.childLists[parent].includes(child);
  }

  private namesOf(lists: number[][], id: string): string[] {
    const index = this.indexOf.get(id);
    return index === undefined ? [] : lists[index].map((i) => this.ids[i]);
  }
}
