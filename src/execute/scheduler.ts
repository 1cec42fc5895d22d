import type { Dag } from '../graph/dag';
import { MinHeap } from '../graph/min-heap';
import { blocksDownstream, skippedResult, type NodeResult } from './results';

export interface ScheduleOptions {
  threads: number;
  failFast: boolean;
  /** Orders ready nodes: the lower runs first. */
  priority: (a: string, b: string) => number;
  run: (id: string) => Promise<NodeResult>;
  onSkip: (result: NodeResult) => void;
  /** Told the node that will start next while every thread is busy, so that its work can begin early. */
  onNext?: (id: string) => void;
  /** Aborted on an interrupt: nothing more is started, and only what came back is returned. */
  interrupt?: AbortSignal;
}

/**
 * Runs a DAG with up to `threads` nodes at once: a ready queue fed by in-degrees (O(V+E)); a node that fails marks
 * every descendant skipped.
 */
export async function runDag(dag: Dag, options: ScheduleOptions): Promise<NodeResult[]> {
  const remaining = dag.inDegrees();
  const blocked = new Map<string, string>();
  // The heap orders numbers: rank every node by priority once, and queue ranks.
  const byRank = dag.nodes().sort(options.priority);
  const rankOf = new Map(byRank.map((id, rank) => [id, rank]));
  const ready = new MinHeap();
  const enqueue = (id: string) => ready.push(rankOf.get(id)!);
  for (const [id, degree] of remaining) if (degree === 0) enqueue(id);
  const results: NodeResult[] = [];
  let running = 0;
  let stopped = false;

  return new Promise((resolve, reject) => {
    const finish = () => {
      if (options.interrupt?.aborted) return resolve(results);
      if (stopped) {
        const done = new Set(results.map((r) => r.uniqueId));
        for (const id of dag.nodes()) if (!done.has(id)) results.push(skippedResult(id, 'skipped because --fail-fast stopped the run'));
      }
      resolve(results);
    };
    options.interrupt?.addEventListener('abort', () => {
      stopped = true;
      if (running === 0) finish();
    });
    const release = (id: string) => {
      for (const child of dag.children(id)) {
        const left = remaining.get(child)! - 1;
        remaining.set(child, left);
        if (left === 0) enqueue(child);
      }
    };
    const pump = () => {
      while (!stopped && running < options.threads && ready.size > 0) {
        const id = byRank[ready.pop()!];
        const blocker = blocked.get(id);
        if (blocker !== undefined) {
          const skipped = skippedResult(id, `skipped because ${blocker} failed`);
          results.push(skipped);
          options.onSkip(skipped);
          for (const child of dag.children(id)) if (!blocked.has(child)) blocked.set(child, blocker);
          release(id);
          continue;
        }
        running++;
        options.run(id).then(
          (result) => {
            running--;
            results.push(result);
            if (blocksDownstream(result)) {
              for (const child of dag.children(id)) if (!blocked.has(child)) blocked.set(child, id);
              if (options.failFast && result.status !== 'skipped') stopped = true;
            }
            release(id);
            pump();
          },
          (error) => {
            stopped = true;
            reject(error);
          },
        );
      }
      if (running === 0 && (ready.size === 0 || stopped)) finish();
      else if (!stopped && ready.size > 0) {
        const next = byRank[ready.peek()!];
        if (!blocked.has(next)) options.onNext?.(next);
      }
    };
    pump();
  });
}
