import { Dag } from '../../../src/graph/dag';
import type { NodeResult } from '../../../src/execute/results';
import { runDag } from '../../../src/execute/scheduler';

const ok = (id: string): NodeResult => ({ uniqueId: id, status: 'success', message: 'OK', failures: null, adapterResponse: {}, timing: [], executionTime: 0 });

function dag(edges: [string, string][], nodes: string[]): Dag {
  const graph = new Dag();
  for (const id of nodes) graph.addNode(id);
  for (const [from, to] of edges) graph.addEdge(from, to);
  return graph;
}

describe('runDag', () => {
  test('while every thread is busy, it names the node that starts next, and that node does start next', async () => {
    const started: string[] = [];
    const told: string[] = [];
    await runDag(dag([['a', 'c']], ['a', 'b', 'c']), {
      threads: 1,
      failFast: false,
      priority: (x, y) => (x < y ? -1 : 1),
      run: async (id) => {
        started.push(id);
        return ok(id);
      },
      onSkip: () => undefined,
      onNext: (id) => told.push(`${started.at(-1)}->${id}`),
    });
    expect(started).toEqual(['a', 'b', 'c']);
    expect(told).toEqual(['a->b', 'b->c']);
  });

  test('a node that will be skipped is not named', async () => {
    const told: string[] = [];
    const skipped: string[] = [];
    // a fails at once while x runs on: b and then z (after y) are skipped, and z waits at the head of the queue.
    await runDag(
      dag(
        [
          ['a', 'b'],
          ['b', 'z'],
        ],
        ['a', 'b', 'x', 'y', 'z'],
      ),
      {
        threads: 2,
        failFast: false,
        priority: (x, y) => (x < y ? -1 : 1),
        run: (id) =>
          id === 'x' ? new Promise((resolve) => setTimeout(() => resolve(ok(id)), 20)) : Promise.resolve(id === 'a' ? { ...ok(id), status: 'error' } : ok(id)),
        onSkip: (result) => skipped.push(result.uniqueId),
        onNext: (id) => told.push(id),
      },
    );
    expect(skipped).toEqual(['b', 'z']);
    expect(told).not.toContain('z');
    expect(told).toContain('y');
  });
});
