import { tsdbtVersion } from '../../version';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../../errors';
import { executeSelection, runnableNodes, type RunCommand } from '../../execute/execute-selection';
import { writeManifest, writeRunResults } from '../../report/artifacts';
import { foundLine, reportSummary } from '../../report/summary';
import type { ResourceTypeFilter, Session } from '../session';
import { queryRows } from './show';
import type { NodeResult } from '../../execute/results';
import { renderTable } from '../../report/table';
import { runProjectHooks, runResultsView } from './operations';
import { eventTimeFlags } from '../../plan/microbatch';

export interface RunOptions {
  failFast?: boolean;
  fullRefresh?: boolean;
  empty?: boolean;
  storeFailures?: boolean;
  /** --event-time-start / --event-time-end, as given. */
  eventTimeStart?: string;
  eventTimeEnd?: string;
  /** retry: the failed batches of microbatch models that ended in partial success, by unique id. */
  failedBatches?: Map<string, [Date, Date][]>;
  /** seed --show: print a sample of each loaded seed. */
  show?: boolean;
  resourceTypes?: ResourceTypeFilter;
}

/** build / run / test / seed: returns the exit code (0 ok, 1 a node failed). */
export async function runCommand(
  session: Session,
  command: RunCommand,
  options: RunOptions,
  selected = session.select(options.resourceTypes),
): Promise<number> {
  const { manifest, reporter } = session;
  const started = Date.now();
  reporter.info(`Running with tsdbt=${tsdbtVersion()}`, 'MainReportVersion');
  reporter.info(foundLine(manifest), 'FoundStats');
  const eventTimes = eventTimeFlags(options.eventTimeStart, options.eventTimeEnd);
  const nodes = runnableNodes(manifest, selected, command);
  if (nodes.length === 0) {
    writeManifest(manifest, session.invocationId);
    reporter.warn('Nothing to do. Try checking your model configs and model specification args', 'NothingToDo');
    return 0;
  }
  const threads = manifest.target.threads;
  // The warehouse first: a run refused because another holds the database must leave that run's target/ alone.
  const adapter = await session.warehouse(threads);
  writeManifest(manifest, session.invocationId);
  reporter.info('');
  reporter.info(`Concurrency: ${threads} threads (target='${manifest.target.name}')`, 'ConcurrencyLine');
  reporter.info('');
  if (!(await runProjectHooks(session, 'on-run-start'))) return 1;
  const interrupt = onInterrupt(() => adapter.interrupt());
  const results = await executeSelection(
    session.project,
    adapter,
    nodes,
    {
      command,
      threads,
      failFast: !!options.failFast,
      fullRefresh: !!options.fullRefresh,
      empty: !!options.empty,
      storeFailures: !!options.storeFailures,
      ...eventTimes,
      failedBatches: options.failedBatches,
      defer: session.deferral(selected),
      interrupt: interrupt.signal,
    },
    reporter,
  ).finally(() => interrupt.dispose());
  if (interrupt.signal.aborted) {
    // As dbt on Ctrl-C: what finished is reported and written to run_results.json, on-run-end is not run, exit 2.
    const elapsed = (Date.now() - started) / 1000;
    reportSummary(reporter, manifest.nodes, results, elapsed, true);
    writeRunResults(manifest, session.invocationId, results, elapsed, {
      which: command,
      select: session.options.select,
      exclude: session.options.exclude,
      ...options,
    });
    return 2;
  }
  const hooksPassed = await runProjectHooks(session, 'on-run-end', () => runResultsView(session, results));
  const elapsed = (Date.now() - started) / 1000;
  if (options.show) await showSeeds(session, results);
  reportSummary(reporter, manifest.nodes, results, elapsed);
  writeRunResults(manifest, session.invocationId, results, elapsed, {
    which: command,
    select: session.options.select,
    exclude: session.options.exclude,
    failFast: options.failFast,
    fullRefresh: options.fullRefresh,
    empty: options.empty,
    storeFailures: options.storeFailures,
  });
  return !hooksPassed || results.some((r) => ['error', 'fail', 'skipped', 'partial success'].includes(r.status)) ? 1 : 0;
}

/** `retry`: runs again what failed or was skipped in the last run_results.json, with that run's command. */
export async function retryCommand(session: Session): Promise<number> {
  const file = path.join(session.targetDir(), 'run_results.json');
  if (!existsSync(file))
    throw new ProjectError(
      `no previous run to retry: ${path.relative(process.cwd(), file)} does not exist`,
      undefined,
      'run tsdbt build (or run/test/seed) first',
    );
  const previous = JSON.parse(readFileSync(file, 'utf8')) as {
    results: { unique_id: string; status: string; batch_results?: { failed: [string, string][] } | null }[];
    args: { which?: RunCommand } & RunOptions;
  };
  const again = new Set(
    previous.results
      .filter((r) => ['error', 'fail', 'skipped', 'runtime error', 'partial success'].includes(r.status))
      .map((r) => r.unique_id)
      .filter((id) => session.manifest.nodes.has(id)),
  );
  if (again.size === 0) {
    session.reporter.info('Nothing to retry: the previous run had no errors, failures or skips.');
    return 0;
  }
  // As dbt: a microbatch model that partly succeeded runs only its failed batches again.
  const failedBatches = new Map<string, [Date, Date][]>();
  for (const r of previous.results)
    if (r.status === 'partial success' && r.batch_results?.failed.length)
      failedBatches.set(
        r.unique_id,
        r.batch_results.failed.map(([start, end]) => [new Date(start), new Date(end)]),
      );
  const { which = 'build', failFast, fullRefresh, empty, storeFailures } = previous.args;
  return runCommand(session, which, { failFast, fullRefresh, empty, storeFailures, failedBatches }, again);
}

/** seed --show: a sample of each loaded seed, as dbt prints it after the run. */
async function showSeeds(session: Session, results: NodeResult[]): Promise<void> {
  for (const result of results) {
    const node = session.manifest.nodes.get(result.uniqueId)!;
    if (node.resourceType !== 'seed' || result.status !== 'success') continue;
    const relation = `${node.schema}.${node.alias}`;
    const { dialect } = await session.warehouse();
    const rows = await queryRows(
      session,
      `select * from ${dialect.renderRelation({ database: node.database, schema: node.schema, identifier: node.alias })}`,
      10,
    );
    session.reporter.output(`Random sample of table: ${relation}\n${'-'.repeat(23 + relation.length)}\n${renderTable(rows)}`, 'SeedHeader');
  }
}

/**
 * SIGINT (Ctrl-C) and SIGTERM while nodes run: the signal is aborted (no node starts after it) and `stop` interrupts
 * the running statements, whose transactions then roll back. A second signal ends the process at once.
 */
function onInterrupt(stop: () => void): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort();
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
