import type { Adapter } from '../adapters/adapter';
import { autocommitQueries } from '../compile/autocommit-queries';
import { Compiler } from '../compile/compiler';
import type { Dag } from '../graph/dag';
import type { Manifest } from '../parse/manifest';
import type { ParsedProject } from '../parse/parsed-project';
import type { Node, ResourceType } from '../project/types';
import type { Reporter } from '../report/reporter';
import type { Deferral } from '../state/defer';
import { NodeRunner } from './node-runner';
import type { NodeResult } from './results';
import { runDag } from './scheduler';
import { addUnitTestsBeforeModels } from '../unit-tests/schedule';

export type RunCommand = 'build' | 'run' | 'test' | 'seed' | 'snapshot';

const RUNNABLE: Record<RunCommand, ResourceType[]> = {
  build: ['seed', 'model', 'snapshot', 'test', 'unit_test'],
  run: ['model'],
  test: ['test', 'unit_test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
};

export interface ExecuteOptions {
  command: RunCommand;
  threads: number;
  failFast: boolean;
  fullRefresh: boolean;
  empty: boolean;
  storeFailures: boolean;
  /** --event-time-start / --event-time-end. */
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  /** `retry`: the failed batches of microbatch models, by unique id. */
  failedBatches?: Map<string, [Date, Date][]>;
  /** --defer: where refs to unselected nodes read from. */
  defer?: Deferral;
  /** Aborted on Ctrl-C / SIGTERM: no node is started after it. */
  interrupt?: AbortSignal;
}

/** The nodes a command executes among the selected ones (analyses and ephemeral models never run). */
export function runnableNodes(manifest: Manifest, selected: Set<string>, command: RunCommand): Node[] {
  const kinds = RUNNABLE[command];
  const nodes: Node[] = [];
  for (const id of selected) {
    const node = manifest.nodes.get(id);
    if (node && kinds.includes(node.resourceType) && node.config.materialized !== 'ephemeral') nodes.push(node);
  }
  return nodes;
}

/** Runs the selected nodes in dependency order on `threads` connections, reporting as it goes. */
export async function executeSelection(
  project: ParsedProject,
  adapter: Adapter,
  nodes: Node[],
  options: ExecuteOptions,
  reporter: Reporter,
): Promise<NodeResult[]> {
  const { manifest } = project;
  const ids = nodes.map((n) => n.uniqueId);
  const unitTests = nodes.filter((n) => n.resourceType === 'unit_test');
  const dag = manifest.dag.subgraph(unitTests.length ? ids.filter((id) => !manifest.nodes.get(id)!.unitTest) : ids, { keepTransitiveEdges: true });
  if (options.command === 'build') addTestEdges(dag, manifest);
  addUnitTestsBeforeModels(dag, unitTests);
  const depth = dag.depthFromRoots();
  const compiler = new Compiler(
    project,
    { fullRefresh: options.fullRefresh, empty: options.empty, defer: options.defer },
    autocommitQueries(async () => adapter),
  );
  const { fullRefresh, storeFailures, eventTimeStart, eventTimeEnd, failedBatches } = options;
  const runner = new NodeRunner(
    manifest,
    adapter,
    compiler,
    { fullRefresh, storeFailures, eventTimeStart, eventTimeEnd, failedBatches },
    (message) => reporter.warn(message),
    (event) => reporter.batch(event),
  );
  await runner.createSchemas(nodes);
  const total = ids.length;
  let started = 0;
  const indexOf = new Map<string, number>();
  return runDag(dag, {
    threads: options.threads,
    failFast: options.failFast,
    interrupt: options.interrupt,
    priority: queueOrder(depth),
    run: async (id) => {
      const node = manifest.nodes.get(id)!;
      indexOf.set(id, ++started);
      reporter.nodeStart(node, started, total);
      const result = await runner.run(node);
      reporter.nodeResult(node, result, indexOf.get(id)!, total);
      return result;
    },
    // Called while the warehouse works on the nodes just started: the next node renders once this turn's work is sent.
    onNext: (id) => setImmediate(() => runner.prepare(manifest.nodes.get(id)!)),
    onSkip: (result) => {
      const node = manifest.nodes.get(result.uniqueId)!;
      reporter.nodeResult(node, result, ++started, total);
    },
  });
}

/**
 * dbt-core's queue order (graph/queue.py): among ready nodes, the one with the least depth in the run's graph (its
 * longest path from a root, test edges included), ties broken by unique_id in code point order, so that e.g. seeds
 * load before the source tests of the same depth.
 */
export function queueOrder(depth: Map<string, number>): (a: string, b: string) => number {
  return (a, b) => depth.get(a)! - depth.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * In `build`, a failing test must skip what depends on the nodes it tests: as dbt, a test gets an edge to a selected
 * node downstream only when every node the test reads is an ancestor of that node (a test reading seed `s` and model
 * `m1` does not hold back `m2`, which reads only `s`). Candidates are found in the whole project's graph (a retry may
 * select the test and a grandchild without the nodes in between), except where an edge would close a cycle.
 */
function addTestEdges(dag: Dag, manifest: Manifest): void {
  const full = manifest.dag;
  const isTest = (id: string) => manifest.nodes.get(id)?.resourceType === 'test';
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (id: string) => {
    let found = ancestors.get(id);
    if (!found) ancestors.set(id, (found = full.ancestors(id)));
    return found;
  };
  for (const id of dag.nodes()) {
    if (!isTest(id)) continue;
    const tested = full.parents(id);
    const upstream = dag.ancestors(id);
    const seen = new Set<string>(tested);
    const pending = tested.flatMap((parent) => full.children(parent).filter((child) => !isTest(child)));
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (seen.has(next) || next === id) continue;
      seen.add(next);
      // Every candidate descends from one tested node; only tests of several nodes need the ancestor check.
      const coversTest = tested.length < 2 || tested.every((parent) => ancestorsOf(next).has(parent));
      // A selected node that gets the edge already reaches its own descendants; otherwise look further down.
      if (dag.has(next) && coversTest && !upstream.has(next)) dag.addEdge(id, next);
      else pending.push(...full.children(next).filter((child) => !isTest(child)));
    }
  }
}
