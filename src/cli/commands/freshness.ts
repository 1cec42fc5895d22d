import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshnessOf, measureFreshness, type FreshnessResult } from '../../execute/freshness';
import { withToDict } from '../../jinja/compat';
import { sourceDict } from '../../parse/node-dict';
import { dotted } from '../../report/console';
import type { Session } from '../session';
import { runProjectHooks, type HookResults } from './operations';

/** `source freshness`: how old each selected source's newest row is, against warn_after / error_after. */
export async function freshnessCommand(session: Session): Promise<number> {
  const { manifest, reporter } = session;
  const started = Date.now();
  const selected = session.select();
  const sources = [...manifest.sources.values()].filter((s) => selected.has(s.uniqueId) && s.loadedAtField && freshnessOf(s));
  if (sources.length === 0) {
    reporter.warn('Nothing to do: no selected source has a loaded_at_field and a freshness (warn_after / error_after)', 'NothingToDo');
    return 0;
  }
  reporter.info(`Concurrency: 1 threads (target='${manifest.target.name}')`);
  // As dbt 1.9+: on-run-start and on-run-end run around the checks unless the project's flags turn them off.
  const runHooks = manifest.project.flags.source_freshness_run_project_hooks !== false;
  if (runHooks && !(await runProjectHooks(session, 'on-run-start'))) return 1;
  const adapter = await session.warehouse();
  const conn = await adapter.acquire();
  const results: FreshnessResult[] = [];
  try {
    for (const [i, source] of sources.entries()) {
      const label = `freshness of ${source.sourceName}.${source.name}`;
      reporter.info(dotted(`${i + 1} of ${sources.length} START ${label}`, '[RUN]'));
      const result = await measureFreshness(conn, source, freshnessOf(source)!);
      results.push(result);
      const status = { pass: 'PASS', warn: 'WARN', error: 'ERROR STALE', 'runtime error': 'ERROR' }[result.status];
      const line = dotted(`${i + 1} of ${sources.length} ${status} ${label}`, `[${status} in ${result.executionTime.toFixed(2)}s]`);
      if (result.status === 'pass') reporter.info(line, 'LogFreshnessResult');
      else if (result.status === 'warn') reporter.warn(line, 'LogFreshnessResult');
      else reporter.error(`${line}${result.status === 'runtime error' ? `\n  ${result.message}` : ''}`);
    }
  } finally {
    adapter.release(conn);
  }
  const hooksPassed = !runHooks || (await runProjectHooks(session, 'on-run-end', () => freshnessResultsView(session, results)));
  const elapsed = (Date.now() - started) / 1000;
  writeSourcesJson(session, results, elapsed);
  reporter.info(
    `Done. PASS=${results.filter((r) => r.status === 'pass').length} WARN=${results.filter((r) => r.status === 'warn').length} ERROR=${results.filter((r) => r.status === 'error' || r.status === 'runtime error').length} TOTAL=${results.length}`,
  );
  return !hooksPassed || results.some((r) => r.status === 'error' || r.status === 'runtime error') ? 1 : 0;
}

/** The checks as on-run-end sees them: dbt's SourceFreshnessResult objects, with their source; each answers to_dict(). */
function freshnessResultsView(session: Session, results: FreshnessResult[]): HookResults {
  const checked = results.map((r) => session.manifest.sources.get(r.uniqueId)!);
  return {
    results: results.map((r, i) =>
      withToDict({
        status: r.status,
        message: r.status === 'runtime error' ? r.message : null,
        failures: null,
        execution_time: r.executionTime,
        adapter_response: {},
        timing: [],
        thread_id: 'Thread-1',
        max_loaded_at: r.maxLoadedAt,
        snapshotted_at: r.snapshottedAt,
        age: r.ageSeconds,
        node: withToDict(sourceDict(checked[i])),
      }),
    ),
    relations: checked,
  };
}

function writeSourcesJson(session: Session, results: FreshnessResult[], elapsed: number): void {
  const dir = session.targetDir();
  mkdirSync(dir, { recursive: true });
  const body = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json',
      generated_at: new Date().toISOString(),
      invocation_id: session.invocationId,
    },
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      max_loaded_at: r.maxLoadedAt,
      snapshotted_at: r.snapshottedAt,
      max_loaded_at_time_ago_in_s: r.ageSeconds,
      criteria: { warn_after: r.criteria.warn_after ?? null, error_after: r.criteria.error_after ?? null, filter: r.criteria.filter ?? null },
      execution_time: r.executionTime,
      message: r.status === 'runtime error' ? r.message : null,
      adapter_response: {},
      thread_id: 'Thread-1',
      timing: [],
    })),
    elapsed_time: elapsed,
  };
  writeFileSync(path.join(dir, 'sources.json'), JSON.stringify(body, null, 2));
}
