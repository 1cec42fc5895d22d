import { Dag } from '../../graph/dag';
import type { SelectableNode } from '../../graph/selectable-node';
import { resolveSelection } from '../../graph/selector';
import type { ManifestJson } from './data';

/** Tests are left out of the picture, as in dbt's docs: they would double the nodes and say little about lineage. */
const HIDDEN_TYPES = new Set(['test', 'unit_test']);

/** Beyond this many nodes a layout is slow and unreadable: the graph shows a part and says so. */
export const MAX_GRAPH_NODES = 400;

export interface LineageView {
  /** Shown node ids, parents before children. */
  nodes: string[];
  edges: [string, string][];
  /** Nodes the selection picked (without tests), before any cut. */
  selectedCount: number;
  truncated: boolean;
  /** Selection tokens that matched nothing. */
  unmatched: string[];
}

/** The manifest's DAG (parent_map), built once per page load. */
export class Lineage {
  readonly dag = new Dag();
  private readonly nodes = new Map<string, SelectableNode>();

  constructor(manifest: ManifestJson, selectable: SelectableNode[]) {
    for (const node of selectable) {
      this.nodes.set(node.uniqueId, node);
      this.dag.addNode(node.uniqueId);
    }
    for (const [child, parents] of Object.entries(manifest.parent_map))
      for (const parent of parents) if (this.nodes.has(parent) && this.nodes.has(child)) this.dag.addEdge(parent, child);
  }

  /** What a `--select`/`--exclude` pair shows, by the CLI's own selection code. Throws SelectorSyntaxError. */
  view(select: string, exclude: string, limit = MAX_GRAPH_NODES): LineageView {
    const tokens = (text: string) => text.split(/\s+/).filter(Boolean);
    const { selected, unmatched } = resolveSelection(this.nodes, this.dag, { select: tokens(select), exclude: tokens(exclude) });
    const shown = this.dag.topologicalOrder().filter((id) => selected.has(id) && !HIDDEN_TYPES.has(this.nodes.get(id)?.resourceType ?? ''));
    const nodes = shown.slice(0, limit);
    const kept = new Set(nodes);
    const edges: [string, string][] = [];
    for (const id of nodes) for (const child of this.dag.children(id)) if (kept.has(child)) edges.push([id, child]);
    return { nodes, edges, selectedCount: shown.length, truncated: shown.length > nodes.length, unmatched };
  }
}
