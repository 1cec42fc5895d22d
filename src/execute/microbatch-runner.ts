import type { CompiledNode } from '../compile/compiler';
import type { BatchRender } from '../compile/compile-scope';
import { batchOutcome, type Batch } from '../plan/microbatch';
import type { NodeConfig } from '../project/types';
import type { BatchResults, NodeResult } from './results';

/** What running a microbatch model needs from the node runner, one batch at a time. */
export interface BatchSteps {
  compile(batch: BatchRender): Promise<CompiledNode>;
  /** Builds one compiled batch: the first replaces the table unless `incremental`, the others delete+insert. */
  apply(compiled: CompiledNode, render: BatchRender): Promise<void>;
  describeError(error: unknown, batch: Batch): string;
  /** dbt's `Batch 1 of 3 START ...` and result lines. */
  started(batch: Batch, index: number, total: number): void;
  finished(batch: Batch, index: number, total: number, status: 'success' | 'error' | 'skipped', seconds: number, error?: string): void;
}

export type MicrobatchOutcome = Pick<NodeResult, 'status' | 'message' | 'compiledCode' | 'batchResults'>;

/**
 * Runs the planned batches in order, as dbt does without concurrent batches: the first batch alone (if it fails, the
 * others are skipped), then the rest; a failed batch does not undo the ones that succeeded. Pre-hooks run with the
 * first batch only, post-hooks with the last. `incremental` says whether the first batch applies to an existing table.
 */
export async function runBatches(batches: Batch[], incremental: boolean, steps: BatchSteps): Promise<MicrobatchOutcome> {
  const results: BatchResults = { successful: [], failed: [] };
  const errors: string[] = [];
  let compiledCode: string | undefined;
  for (const [i, batch] of batches.entries()) {
    const window: [Date, Date] = [batch.start, batch.end];
    if (i > 0 && results.successful.length === 0) {
      steps.finished(batch, i + 1, batches.length, 'skipped', 0);
      results.failed.push(window);
      continue;
    }
    const started = Date.now();
    steps.started(batch, i + 1, batches.length);
    const render: BatchRender = { batch, incremental: i > 0 || incremental };
    try {
      const compiled = await steps.compile(render);
      compiledCode = compiled.sql;
      await steps.apply({ ...compiled, config: hooksFor(compiled.config, i === 0, i === batches.length - 1) }, render);
      results.successful.push(window);
      steps.finished(batch, i + 1, batches.length, 'success', (Date.now() - started) / 1000);
    } catch (error) {
      results.failed.push(window);
      const message = steps.describeError(error, batch);
      errors.push(`batch ${batch.label}: ${message}`);
      steps.finished(batch, i + 1, batches.length, 'error', (Date.now() - started) / 1000, message);
    }
  }
  const outcome = batchOutcome(results.successful.length, results.failed.length);
  // A model whose every batch failed reports why; a partial success's failures were logged with their batches.
  const message = outcome.status === 'error' ? errors.join('\n') : outcome.message;
  return { status: outcome.status, message, compiledCode, batchResults: results };
}

/** The config a batch runs with: pre-hooks on the first batch only, post-hooks on the last only. */
function hooksFor(config: NodeConfig, first: boolean, last: boolean): NodeConfig {
  return { ...config, ...(first ? {} : { 'pre-hook': [] }), ...(last ? {} : { 'post-hook': [] }) };
}
