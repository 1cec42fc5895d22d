import { Dag, DagCycleError, formatCycle } from '../../../src/graph/dag';
import { allCycles } from '../../../src/graph/cycles';

function dagOf(edges: [string, string][], extraNodes: string[] = []): Dag {
  const dag = new Dag();
  for (const id of extraNodes) dag.addNode(id);
  for (const [from, to] of edges) dag.addEdge(from, to);
  return dag;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe('Dag', () => {
  // a → b → d, a → c → d, d → e
  const diamond = (): Dag =>
    dagOf([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'd'],
      ['c', 'd'],
      ['d', 'e'],
    ]);

  test('parents and children', () => {
    const dag = diamond();
    expect(sorted(dag.parents('d'))).toEqual(['b', 'c']);
    expect(sorted(dag.children('a'))).toEqual(['b', 'c']);
    expect(dag.parents('unknown')).toEqual([]);
    expect(dag.size).toBe(5);
    expect(dag.edgeCount).toBe(5);
  });

  test('duplicate edges and nodes are ignored', () => {
    const dag = dagOf([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    dag.addNode('a');
    expect(dag.size).toBe(2);
    expect(dag.edgeCount).toBe(1);
  });

  test('ancestors and descendants, with and without depth', () => {
    const dag = diamond();
    expect(sorted(dag.ancestors('e'))).toEqual(['a', 'b', 'c', 'd']);
    expect(sorted(dag.ancestors('e', 1))).toEqual(['d']);
    expect(sorted(dag.ancestors('e', 2))).toEqual(['b', 'c', 'd']);
    expect(sorted(dag.descendants('a'))).toEqual(['b', 'c', 'd', 'e']);
    expect(sorted(dag.descendants('a', 1))).toEqual(['b', 'c']);
    expect(dag.descendants('e').size).toBe(0);
  });

  test('ancestorsOfAll includes a start only when another start is downstream of it', () => {
    const dag = diamond();
    expect(sorted(dag.ancestorsOfAll(['b', 'e']))).toEqual(['a', 'b', 'c', 'd']);
    expect(sorted(dag.ancestorsOfAll(['b', 'c']))).toEqual(['a']);
    // Depth is the distance from the nearest start.
    expect(sorted(dag.descendantsOfAll(['a', 'd'], 1))).toEqual(['b', 'c', 'e']);
  });

  test('topological order puts parents first and breaks ties by insertion order', () => {
    const dag = dagOf(
      [
        ['z', 'y'],
        ['m', 'y'],
        ['10', 'x'],
        ['2', 'x'],
      ],
      ['m', 'z'],
    );
    // Integer-like ids would come first as object keys; insertion order must win.
    expect(dag.topologicalOrder()).toEqual(['m', 'z', 'y', '10', '2', 'x']);
  });

  test('depth from roots is the longest path', () => {
    const dag = diamond();
    dag.addEdge('a', 'e');
    expect(Object.fromEntries(dag.depthFromRoots())).toEqual({ a: 0, b: 1, c: 1, d: 2, e: 3 });
  });

  test('in-degrees and roots feed a ready queue', () => {
    const dag = diamond();
    dag.addNode('lonely');
    expect(Object.fromEntries(dag.inDegrees())).toEqual({ a: 0, b: 1, c: 1, d: 2, e: 1, lonely: 0 });
    expect(dag.roots()).toEqual(['a', 'lonely']);
  });

  test('findCycle returns the cycle path, first node repeated', () => {
    expect(diamond().findCycle()).toBeNull();
    const dag = dagOf([
      ['x', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    const cycle = dag.findCycle();
    expect(cycle).not.toBeNull();
    expect(cycle![0]).toBe(cycle![cycle!.length - 1]);
    expect(sorted(new Set(cycle))).toEqual(['a', 'b', 'c']);
    expect(formatCycle(['a', 'b', 'c', 'a'])).toBe('a -> b -> c -> a');
  });

  test('a self loop is a cycle', () => {
    expect(dagOf([['a', 'a']]).findCycle()).toEqual(['a', 'a']);
  });

  test('topologicalOrder throws a DagCycleError naming the cycle', () => {
    const dag = dagOf([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(() => dag.topologicalOrder()).toThrow(DagCycleError);
    expect(() => dag.topologicalOrder()).toThrow(/Found a cycle: (a -> b -> a|b -> a -> b)/);
  });

  test('subgraph keeps only edges between kept nodes', () => {
    const sub = diamond().subgraph(['a', 'b', 'e', 'unknown']);
    expect(sub.nodes()).toEqual(['a', 'b', 'e']);
    expect(sub.hasEdge('a', 'b')).toBe(true);
    expect(sub.edgeCount).toBe(1);
  });

  test('subgraph can keep order through dropped nodes', () => {
    const sub = diamond().subgraph(['a', 'e'], { keepTransitiveEdges: true });
    expect(sub.hasEdge('a', 'e')).toBe(true);
    expect(sub.edgeCount).toBe(1);
  });

  test('a long chain does not overflow the stack', () => {
    const dag = new Dag();
    for (let i = 1; i < 30_000; i++) dag.addEdge(`n${i - 1}`, `n${i}`);
    expect(dag.findCycle()).toBeNull();
    expect(dag.ancestors('n29999').size).toBe(29_999);
    expect(dag.depthFromRoots().get('n29999')).toBe(29_999);
  });

  test('50,000 nodes and 150,000 edges', () => {
    const nodeCount = 50_000;
    const dag = new Dag();
    // xorshift32: a seeded generator so the graph is the same on every run.
    let seed = 42;
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return seed / 4_294_967_296;
    };
    for (let i = 0; i < nodeCount; i++) dag.addNode(`model.p.m${i}`);
    // Edges only from lower to higher index: acyclic by construction.
    while (dag.edgeCount < 150_000) {
      const child = 1 + Math.floor(random() * (nodeCount - 1));
      const parent = Math.floor(random() * child);
      dag.addEdge(`model.p.m${parent}`, `model.p.m${child}`);
    }
    const order = dag.topologicalOrder();
    expect(order).toHaveLength(nodeCount);
    const position = new Map(order.map((id, i) => [id, i]));
    let edgesPointingBack = 0;
    for (const id of order) for (const child of dag.children(id)) if (position.get(child)! < position.get(id)!) edgesPointingBack++;
    expect(edgesPointingBack).toBe(0);
    expect(dag.findCycle()).toBeNull();
    const depth = dag.depthFromRoots();
    expect(depth.get('model.p.m0')).toBe(0);
    expect(dag.descendants('model.p.m0').size).toBeGreaterThan(nodeCount / 2);
    const half = order.filter((_, i) => i % 2 === 0);
    expect(dag.subgraph(half).size).toBe(half.length);
  });
});

describe('allCycles', () => {
  test('reports every cycle once, as a closed path, and nothing for a DAG', () => {
    const dag = new Dag();
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['x', 'y'],
      ['y', 'x'],
      ['d', 'e'],
    ])
      dag.addEdge(from, to);
    expect(allCycles(dag).sort()).toEqual([
      ['a', 'b', 'c', 'a'],
      ['x', 'y', 'x'],
    ]);
    const acyclic = new Dag();
    acyclic.addEdge('a', 'b');
    expect(allCycles(acyclic)).toEqual([]);
  });
});
