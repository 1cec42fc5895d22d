import type { Exposure } from '../project/exposures';
import type { Dag } from '../graph/dag';
import type { TemplateRenderer } from '../jinja/renderer';
import type { ProjectFile } from '../project/project-file';
import type { Target } from '../project/profile';
import type { RenderCache } from './render-cache';
import type { DocBlock, MacroDef, Node, SourceTable } from '../project/types';

/** Everything parsing learns about a project: the input of selection, compilation and execution. */
export interface Manifest {
  project: ProjectFile;
  target: Target;
  nodes: Map<string, Node>;
  sources: Map<string, SourceTable>;
  macros: Map<string, MacroDef>;
  docs: Map<string, DocBlock>;
  /** Exposures (dashboards, applications) by unique id; absent in manifests built by hand. */
  exposures?: Map<string, Exposure>;
  /** Nodes with `enabled: false`, by unique id. */
  disabled: Map<string, Node[]>;
  /** Parents before children; sources and nodes alike. */
  dag: Dag;
  renderer: TemplateRenderer;
  /** Render results reused across runs (absent in tests that build manifests by hand). */
  renderCache?: RenderCache;
  /** Writes what parsing learned for the next run (compiled templates, parse results) into target/.tsdbt. */
  saveCaches: () => void;
  /** This invocation's id, as `invocation_id` renders it. */
  invocationId: string;
  /** Warnings found while parsing (e.g. a test on a model that does not exist). */
  warnings: string[];
}
