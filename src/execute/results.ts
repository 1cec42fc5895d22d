import type { Batch } from '../plan/microbatch';
import type { Node } from '../project/types';

/** What running one node produced: the data of run_results.json and of the console report. */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'no-op' | 'partial success';

/** A microbatch model's batches by outcome, each as its [start, end) window. */
export interface BatchResults {
  successful: [Date, Date][];
  failed: [Date, Date][];
}

export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  message: string;
  failures: number | null;
  executionTime: number;
  timing: { name: 'compile' | 'execute'; started_at: string; completed_at: string }[];
  adapterResponse: Record<string, unknown>;
  compiledCode?: string;
  /** Project-relative path of the compiled SQL, shown with errors. */
  compiledPath?: string;
  relationName?: string;
  /** Microbatch models only. */
  batchResults?: BatchResults;
}

export function skippedResult(uniqueId: string, reason: string): NodeResult {
  return { uniqueId, status: 'skipped', message: reason, failures: null, executionTime: 0, timing: [], adapterResponse: {} };
}

/** Statuses that make every downstream node skip. */
export function blocksDownstream(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'fail' || result.status === 'skipped' || result.status === 'partial success';
}

/** A microbatch model's batch starting or finishing, for the run's log. */
export type BatchEvent = { node: Node; batch: Batch; index: number; total: number } & (
  { phase: 'start' } | { phase: 'result'; status: 'success' | 'error' | 'skipped'; seconds: number; error?: string }
);
