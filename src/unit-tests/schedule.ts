import type { Dag } from '../graph/dag';
import type { Node } from '../project/types';

/**
 * A unit test runs where its model would, just before it: after the model's parents (whose relations give the input
 * column types), and as a parent of the model so that a failing unit test skips the model and all it feeds.
 */
export function addUnitTestsBeforeModels(dag: Dag, unitTests: Node[]): void {
  for (const test of unitTests) {
    dag.addNode(test.uniqueId);
    const model = test.attachedNode!;
    if (!dag.has(model)) continue;
    for (const parent of dag.parents(model)) dag.addEdge(parent, test.uniqueId);
    dag.addEdge(test.uniqueId, model);
  }
}
