import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Adapter } from '../adapters/adapter';
import { openTargetAdapter } from '../adapters/open-adapter';
import { resolveSelection, type SelectableNode } from '../graph/selector';
import type { Manifest } from '../parse/manifest';
import { loadProject } from '../parse/partial-parse';
import type { ParsedProject } from '../parse/parsed-project';
import { selectableNodes } from '../parse/selectable-nodes';
import { sqlFiles } from '../report/sql-files';
import type { Reporter } from '../report/reporter';
import { compareWithState, type StateFlags } from '../state/compare';
import type { Deferral } from '../state/defer';
import { loadPreviousState, type PreviousState } from '../state/previous-state';
import { selectorFromFile } from '../project/selectors-file';
import type { GlobalOptions } from './options';

/** --resource-type and --exclude-resource-type; `all` and `default` keep every type. */
export interface ResourceTypeFilter {
  include?: string[];
  exclude?: string[];
}

function resourceTypeTest(filter: ResourceTypeFilter): (type: string) => boolean {
  const normal = (types: string[] = []) => new Set(types.map((t) => (t === 'data_test' ? 'test' : t)));
  const include = normal(filter.include);
  const exclude = normal(filter.exclude);
  const all = include.size === 0 || include.has('all') || include.has('default');
  return (type) => (all || include.has(type)) && !exclude.has(type);
}

/** One invocation: the parsed project, its reporter and, when needed, the warehouse. */
export class Session {
  readonly reporter: Reporter;
  /** The parsed project: its manifest and what renders its templates. */
  readonly project: ParsedProject;
  readonly invocationId: string;
  /** The run given by --state, compared with the project for `state:` and `result:` selectors. */
  readonly previous?: PreviousState;
  /** The run --defer reads relations from: --defer-state, else --state. */
  private readonly deferSource?: PreviousState;
  private stateFlags?: Map<string, StateFlags>;
  private adapter?: Promise<Adapter>;

  /**
   * The reporter exists before parsing so that `log(..., info=True)` at parse time prints, as in dbt. `flags` is what
   * Jinja's `flags` shows.
   */
  constructor(
    readonly options: GlobalOptions,
    readonly flags: Record<string, unknown>,
    reporter: Reporter,
    invocationId: string = randomUUID(),
  ) {
    this.invocationId = invocationId;
    this.reporter = reporter;
    const log = (message: string, level: 'info' | 'warn' | 'debug' | 'print') => {
      if (level === 'warn') reporter.warn(message, 'JinjaLogWarning');
      else if (level === 'info') reporter.info(message, 'JinjaLogInfo');
      else if (level === 'print') reporter.output(message);
      else reporter.debug(message, 'JinjaLogDebug');
    };
    this.project = loadProject({
      invocationId: this.invocationId,
      projectDir: options.projectDir,
      profilesDir: options.profilesDir,
      profileName: options.profile,
      targetName: options.target,
      threads: options.threads,
      vars: options.vars,
      targetPath: options.targetPath,
      flags,
      log,
      partialParse: flags.PARTIAL_PARSE !== false,
      debug: (message) => reporter.debug(message),
    });
    for (const warning of this.manifest.warnings) reporter.warn(warning);
    if (options.state) this.previous = loadPreviousState(path.resolve(options.state));
    this.deferSource = options.deferState ? loadPreviousState(path.resolve(options.deferState)) : this.previous;
  }

  get manifest(): Manifest {
    return this.project.manifest;
  }

  /** With --defer, how refs to nodes outside `selected` read the --state run's relations. */
  deferral(selected: ReadonlySet<string>): Deferral | undefined {
    if (!this.deferSource || !this.options.defer) return undefined;
    // Loaded here: relations bring the template engine, which a command without --defer may never need.
    const { deferralFrom } = require('../state/defer') as typeof import('../state/defer');
    return deferralFrom(this.deferSource, selected, this.options.favorState);
  }

  private previousRun(uniqueId: string): Pick<SelectableNode, 'state' | 'result'> {
    if (!this.previous) return {};
    this.stateFlags ??= compareWithState(this.manifest, this.previous);
    return { state: this.stateFlags.get(uniqueId) ?? {}, result: this.previous.results.get(uniqueId) };
  }

  /**
   * The unique ids picked by --select/--exclude, or by --selector (or the selectors.yml default when none is given),
   * narrowed by --resource-type/--exclude-resource-type; everything when nothing is given.
   */
  select(filter: ResourceTypeFilter = {}): Set<string> {
    let { select, exclude } = this.options;
    if (this.options.selector || (select.length === 0 && exclude.length === 0)) {
      const named = selectorFromFile(this.manifest.project.rootDir, this.options.selector);
      if (named) ({ select, exclude } = named);
    }
    const nodes = new Map<string, SelectableNode>();
    for (const [id, node] of selectableNodes(this.manifest)) nodes.set(id, { ...node, ...this.previousRun(id) });
    // Exposures are selectable (`+exposure:x`) but never run: they join a copy of the DAG used for selection only.
    let dag = this.manifest.dag;
    const exposures = [...(this.manifest.exposures?.values() ?? [])];
    if (exposures.length > 0) {
      dag = dag.subgraph(dag.nodes());
      for (const exposure of exposures) {
        dag.addNode(exposure.uniqueId);
        for (const parent of exposure.dependsOn) dag.addEdge(parent, exposure.uniqueId);
      }
    }
    const { selected, unmatched } = resolveSelection(
      nodes,
      dag,
      { select, exclude, indirectSelection: this.options.indirectSelection },
      this.manifest.project.rootDir,
    );
    for (const token of unmatched) this.reporter.warn(`The selection criterion '${token}' does not match any enabled nodes`, 'NoNodesForSelectionCriteria');
    const keep = resourceTypeTest(filter);
    const kept = new Set([...selected].filter((id) => keep(nodes.get(id)!.resourceType)));
    this.project.setSelectedResources([...kept]);
    return kept;
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
    try {
      this.project.saveCaches();
      await sqlFiles(this.manifest).save();
    } finally {
      if (adapter) await adapter.close().catch(() => undefined);
    }
  }

  targetDir(): string {
    return path.resolve(this.manifest.project.rootDir, this.manifest.project.targetPath);
  }
}
