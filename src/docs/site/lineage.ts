import { Dag } from '../../graph/dag';
import type { SelectableNode } from '../../graph/selectable-node';
import { resolveSelection } from '../../graph/selector';
import type { ManifestJson } from './data';

/** Tests are left out of the picture, as in dbt's docs: they would double the nodes and say little about lineage. */
const HIDDEN_TYPES = new Set(['test', 'unit_test']);

/** Beyond this many nodes a layout takes seconds and is unreadable: the graph shows a part and says so. */
export const MAX_GRAPH_NODES = 300;

/**
 * A layered layout adds a placeholder at every layer an edge crosses, and its time grows with them: nodes
 * plus placeholders are kept under this, else 300 nodes of a deep graph with long edges take a minute.
 */
export const MAX_LAYOUT_CELLS = 2000;

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
  view(select: string, exclude: string, limit = MAX_GRAPH_NODES, maxCells = MAX_LAYOUT_CELLS): LineageView {
    const tokens = (text: string) => text.split(/\s+/).filter(Boolean);
    const { selected, unmatched } = resolveSelection(this.nodes, this.dag, { select: tokens(select), exclude: tokens(exclude) });
    const shown = this.dag.topologicalOrder().filter((id) => selected.has(id) && !HIDDEN_TYPES.has(this.nodes.get(id)?.resourceType ?? ''));
    // Parents before children: each node's layer is known when it comes, and so is what its edges cost.
    const layer = new Map<string, number>();
    const edges: [string, string][] = [];
    let cells = 0;
    for (const id of shown) {
      const parents = this.dag.parents(id).filter((parent) => layer.has(parent));
      const depth = Math.max(0, ...parents.map((parent) => (layer.get(parent) as number) + 1));
      const cost = 1 + parents.reduce((sum, parent) => sum + depth - (layer.get(parent) as number) - 1, 0);
      if (layer.size >= limit || cells + cost > maxCells) break;
      cells += cost;
      layer.set(id, depth);
      for (const parent of parents) edges.push([parent, id]);
    }
    const nodes = [...layer.keys()];
    return { nodes, edges, selectedCount: shown.length, truncated: shown.length > nodes.length, unmatched };
  }
}
