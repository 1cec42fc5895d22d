import type { NodeResult } from '../execute/results';
import type { Manifest } from '../parse/manifest';
import type { Node } from '../project/types';
import type { Reporter } from './reporter';

/** `Found 7 models, 3 seeds, 40 data tests, 3 analyses, 1 source, 12 macros`. */
export function foundLine(manifest: Manifest): string {
  const counts = new Map<string, number>();
  const bump = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const node of manifest.nodes.values()) {
    bump(
      { model: 'model', seed: 'seed', test: 'data test', analysis: 'analysis', snapshot: 'snapshot', source: 'source', unit_test: 'unit test' }[
        node.resourceType
      ],
    );
  }
  for (let i = 0; i < manifest.sources.size; i++) bump('source');
  const order = ['model', 'snapshot', 'seed', 'data test', 'unit test', 'analysis', 'source'];
  const parts = order.filter((k) => counts.get(k)).map((k) => plural(counts.get(k)!, k));
  if (manifest.macros.size > 0) parts.push(plural(manifest.macros.size, 'macro'));
  return `Found ${parts.join(', ')}`;
}

function plural(n: number, noun: string): string {
  if (n === 1) return `${n} ${noun}`;
  return `${n} ${noun === 'analysis' ? 'analyses' : `${noun}s`}`;
}

/** The end of a run: what ran, the failures in detail, and `Done. PASS=.. WARN=.. ERROR=.. SKIP=.. NO-OP=.. TOTAL=..`. */
export function reportSummary(reporter: Reporter, nodes: Map<string, Node>, results: NodeResult[], elapsed: number, interrupted = false): void {
  const kinds = new Map<string, number>();
  for (const r of results) {
    const node = nodes.get(r.uniqueId)!;
    const label =
      node.resourceType === 'model'
        ? `${String(node.config.materialized)} model`
        : node.resourceType === 'test'
          ? 'data test'
          : node.resourceType === 'unit_test'
            ? 'unit test'
            : node.resourceType;
    kinds.set(label, (kinds.get(label) ?? 0) + 1);
  }
  const minutes = Math.floor(elapsed / 60);
  reporter.info('');
  reporter.info(
    `Finished running ${[...kinds].map(([k, n]) => plural(n, k)).join(', ')} in 0 hours ${minutes} minutes and ${(elapsed - minutes * 60).toFixed(2)} seconds (${elapsed.toFixed(2)}s).`,
    'FinishedRunningStats',
  );
  const count = (...statuses: string[]) => results.filter((r) => statuses.includes(r.status)).length;
  const errors = results.filter((r) => r.status === 'error' || r.status === 'fail');
  const warnings = results.filter((r) => r.status === 'warn');
  const partial = count('partial success');
  const partials = `${partial} partial ${partial === 1 ? 'success' : 'successes'}`;
  reporter.info('');
  if (interrupted) {
    reporter.warn('Exited because of keyboard interrupt', 'MainKeyboardInterrupt');
  } else if (errors.length === 0 && warnings.length === 0 && partial === 0) {
    reporter.info('Completed successfully', 'EndOfRunSummary');
  } else {
    const headline = errors.length
      ? `Completed with ${plural(errors.length, 'error')}, ${partials}, and ${plural(warnings.length, 'warning')}:`
      : partial
        ? `Completed with ${partials} and ${plural(warnings.length, 'warning')}`
        : `Completed with ${plural(warnings.length, 'warning')}:`;
    if (errors.length) reporter.error(headline, 'EndOfRunSummary');
    else reporter.warn(headline, 'EndOfRunSummary');
    for (const r of [...errors, ...warnings]) {
      const node = nodes.get(r.uniqueId)!;
      const kind = r.status === 'fail' ? 'Failure in' : r.status === 'warn' ? 'Warning in' : node.resourceType === 'test' ? 'Error in' : 'Runtime Error in';
      const lines = [`${kind} ${node.resourceType} ${node.name} (${node.originalFilePath})`, `  ${r.message.replace(/\n/g, '\n  ')}`];
      if (r.compiledPath && !r.message.includes(r.compiledPath)) lines.push('', `  compiled code at ${r.compiledPath}`);
      reporter.info('');
      if (r.status === 'warn') reporter.warn(lines.join('\n'), 'RunResultWarning');
      else reporter.error(lines.join('\n'), r.status === 'fail' ? 'RunResultFailure' : 'RunResultError');
    }
  }
  reporter.info('');
  reporter.info(
    `Done. PASS=${count('success', 'pass')} WARN=${count('warn')} ERROR=${count('error', 'fail', 'partial success')} SKIP=${count('skipped')} NO-OP=${count('no-op')} TOTAL=${results.length}`,
    'StatsLine',
  );
}
