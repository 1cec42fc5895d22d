import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';

/** The parts of a previous manifest.json node that state comparison and deferral read. */
export interface StateNode {
  unique_id: string;
  resource_type: string;
  name: string;
  database?: string | null;
  schema?: string | null;
  alias?: string | null;
  identifier?: string | null;
  relation_name?: string | null;
  checksum?: { name: string; checksum: string };
  config?: Record<string, unknown>;
  description?: string;
  columns?: Record<string, { name?: string; description?: string; data_type?: string | null }>;
  depends_on?: { macros?: string[]; nodes?: string[] };
  loaded_at_field?: string | null;
  freshness?: unknown;
}

export interface StateMacro {
  unique_id: string;
  macro_sql?: string;
}

/** A previous run as `--state <dir>` gives it: its manifest and, when present, its run results. */
export interface PreviousState {
  dir: string;
  nodes: Map<string, StateNode>;
  sources: Map<string, StateNode>;
  macros: Map<string, StateMacro>;
  /** unique id → status in run_results.json; empty when the folder has none. */
  results: Map<string, string>;
}

/** Reads `<dir>/manifest.json` (required) and `<dir>/run_results.json` (optional). */
export function loadPreviousState(dir: string): PreviousState {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new ProjectError(
      `--state ${dir}: no manifest.json in that folder`,
      undefined,
      'point --state at the target/ folder of the run to compare with (copy it before it is overwritten)',
    );
  }
  const manifest = readJson(manifestFile) as { nodes?: Record<string, StateNode>; sources?: Record<string, StateNode>; macros?: Record<string, StateMacro> };
  const resultsFile = path.join(dir, 'run_results.json');
  const results = new Map<string, string>();
  if (existsSync(resultsFile)) {
    const run = readJson(resultsFile) as { results?: { unique_id: string; status: string }[] };
    for (const result of run.results ?? []) results.set(result.unique_id, result.status);
  }
  return {
    dir,
    nodes: new Map(Object.entries(manifest.nodes ?? {})),
    sources: new Map(Object.entries(manifest.sources ?? {})),
    macros: new Map(Object.entries(manifest.macros ?? {})),
    results,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${file} is not valid JSON: ${(error as Error).message}`, { file }, 'regenerate it with `tsdbt parse` or a run in that project');
  }
}
