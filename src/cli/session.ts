import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Adapter } from '../adapters/adapter';
import { openTargetAdapter } from '../adapters/open-adapter';
import { resolveSelection, type SelectableNode } from '../graph/selector';
import type { Manifest } from '../parse/manifest';
import { parseProject } from '../parse/parse-project';
import { selectableNodes } from '../parse/selectable-nodes';
import { ConsoleReporter } from '../report/console';
import { sqlFiles } from '../report/sql-files';
import type { Reporter } from '../report/reporter';
import { compareWithState, type StateFlags } from '../state/compare';
import { deferralFrom, type Deferral } from '../state/defer';
import { loadPreviousState, type PreviousState } from '../state/previous-state';
import type { GlobalOptions } from './options';

/** One invocation: the parsed project, its reporter and, when needed, the warehouse. */
export class Session {
  readonly reporter: Reporter;
  readonly manifest: Manifest;
  readonly invocationId: string;
  /** The run given by --state, compared with the project for `state:` and `result:` selectors. */
  readonly previous?: PreviousState;
  private stateFlags?: Map<string, StateFlags>;
  private adapter?: Promise<Adapter>;

  constructor(
    readonly options: GlobalOptions,
    flags: Record<string, unknown>,
    io: { out: (line: string) => void; color: boolean },
  ) {
    // The reporter exists before parsing so that `log(..., info=True)` at parse time prints, as in dbt.
    this.invocationId = randomUUID();
    const reporter = new ConsoleReporter({ format: options.logFormat, quiet: options.quiet, color: io.color, invocationId: this.invocationId, write: io.out });
    this.reporter = reporter;
    const log = (message: string, level: 'info' | 'warn' | 'debug') => {
      if (level === 'warn') reporter.warn(message);
      else if (level === 'info') reporter.info(message);
    };
    this.manifest = parseProject({
      invocationId: this.invocationId,
      projectDir: options.projectDir,
      profilesDir: options.profilesDir,
      targetName: options.target,
      threads: options.threads,
      vars: options.vars,
      targetPath: options.targetPath,
      flags,
      log,
    });
    for (const warning of this.manifest.warnings) reporter.warn(warning);
    if (options.state) this.previous = loadPreviousState(path.resolve(options.state));
  }

  /** With --defer, how refs to nodes outside `selected` read the --state run's relations. */
  deferral(selected: ReadonlySet<string>): Deferral | undefined {
    return this.previous && this.options.defer ? deferralFrom(this.previous, selected, this.options.favorState) : undefined;
  }

  private previousRun(uniqueId: string): Pick<SelectableNode, 'state' | 'result'> {
    if (!this.previous) return {};
    this.stateFlags ??= compareWithState(this.manifest, this.previous);
    return { state: this.stateFlags.get(uniqueId) ?? {}, result: this.previous.results.get(uniqueId) };
  }

  /** The unique ids picked by --select/--exclude (everything when neither is given). */
  select(select = this.options.select, exclude = this.options.exclude): Set<string> {
    const nodes = new Map<string, SelectableNode>();
    for (const [id, node] of selectableNodes(this.manifest)) nodes.set(id, { ...node, ...this.previousRun(id) });
    const { selected, unmatched } = resolveSelection(nodes, this.manifest.dag, { select, exclude }, this.manifest.project.rootDir);
    for (const token of unmatched) this.reporter.warn(`The selection criterion '${token}' does not match any enabled nodes`);
    return selected;
  }

  warehouse(threads = this.manifest.target.threads): Promise<Adapter> {
    const target = this.manifest.target;
    // Drivers load only when a command needs the warehouse (not for ls, parse or compile alone).
    this.adapter ??= openTargetAdapter(target, threads);
    return this.adapter;
  }

  async close(): Promise<void> {
    const adapter = this.adapter && (await this.adapter.catch(() => undefined));
    // A run that could not open the warehouse (e.g. held by another run) leaves target/ to the run holding it.
    if (this.adapter && !adapter) return;
    this.manifest.saveCaches();
    sqlFiles(this.manifest).save();
    if (adapter) await adapter.close().catch(() => undefined);
  }

  targetDir(): string {
    return path.join(this.manifest.project.rootDir, this.manifest.project.targetPath);
  }
}
