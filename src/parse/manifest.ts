import type { Exposure, Group } from '../project/exposures';
import type { SemanticLayer } from './semantic-resources';
import { Dag } from '../graph/dag';
import type { ProjectFile } from '../project/project-file';
import type { Target } from '../project/profile';
import type { DocBlock, MacroDef, Node, SourceTable } from '../project/types';

/** Everything parsing learns about a project: the input of selection, compilation and execution. Plain data only. */
export interface Manifest {
  project: ProjectFile;
  /** Installed packages' project files, in the order they were loaded (their hooks run before the root's). */
  packages?: { name: string; project: ProjectFile; /** Relative to the root project. */ dir: string }[];
  target: Target;
  nodes: Map<string, Node>;
  sources: Map<string, SourceTable>;
  macros: Map<string, MacroDef>;
  docs: Map<string, DocBlock>;
  /** Exposures (dashboards, applications) by unique id; absent in manifests built by hand. */
  exposures?: Map<string, Exposure>;
  /** Semantic models, metrics and saved queries, as written to manifest.json; absent in manifests built by hand. */
  semanticLayer?: SemanticLayer;
  /** Groups by unique id; absent in manifests built by hand. */
  groups?: Map<string, Group>;
  /** Nodes with `enabled: false`, by unique id. */
  disabled: Map<string, Node[]>;
  /** Parents before children; sources and nodes alike. */
  dag: Dag;
  /** Warnings found while parsing (e.g. a test on a model that does not exist). */
  warnings: string[];
  /** Names one parse: a manifest reloaded from target/ (partial parsing) keeps the id of the parse that made it. */
  parseId?: string;
}

/** The dependency graph of a manifest's nodes and sources: parents before children. */
export function dependencyDag(manifest: Pick<Manifest, 'nodes' | 'sources'>): Dag {
  const dag = new Dag();
  for (const id of manifest.sources.keys()) dag.addNode(id);
  for (const node of manifest.nodes.values()) dag.addNode(node.uniqueId);
  for (const node of manifest.nodes.values()) for (const parent of node.dependsOn.nodes) dag.addEdge(parent, node.uniqueId);
  return dag;
}
