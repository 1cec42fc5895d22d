import { graphlib, layout } from '@dagrejs/dagre';
import { typeColor } from './colors';
import type { Resource } from './data';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_HEIGHT = 30;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Left-to-right layered layout by dagre: parents left of their children. */
function layOut(ids: string[], edges: [string, string][], label: (id: string) => string) {
  const graph = new graphlib.Graph();
  // network-simplex ranks best but costs seconds on a few hundred dense nodes; tight-tree is several times faster.
  const ranker = ids.length > 100 ? 'tight-tree' : 'network-simplex';
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 60, marginx: 20, marginy: 20, ranker });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { width: Math.max(60, label(id).length * 7.2 + 24), height: NODE_HEIGHT });
  for (const [from, to] of edges) graph.setEdge(from, to);
  layout(graph);
  return graph;
}

/**
 * Draws the nodes and edges into `host` as SVG: coloured by resource type, a click opens the node's
 * page (`open`), the wheel zooms around the pointer and dragging pans.
 */
export function drawGraph(host: HTMLElement, ids: string[], edges: [string, string][], resources: Map<string, Resource>, open: (id: string) => void): void {
  const label = (id: string) => resources.get(id)?.name ?? id;
  const graph = layOut(ids, edges, label);
  const { width = 0, height = 0 } = graph.graph();
  const root = svg('svg', { class: 'graph', role: 'img', 'aria-label': `lineage graph of ${ids.length} nodes` });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8c959f' }));
  defs.append(marker);
  const scene = svg('g', {});
  root.append(defs, scene);
  for (const edge of graph.edges()) {
    const points: { x: number; y: number }[] = graph.edge(edge).points ?? [];
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
    scene.append(svg('path', { d, class: 'edge', 'data-from': edge.v, 'data-to': edge.w, 'marker-end': 'url(#arrow)' }));
  }
  for (const id of ids) {
    const box = graph.node(id);
    const type = resources.get(id)?.resource_type ?? 'model';
    const group = svg('g', {
      class: 'node',
      'data-id': id,
      'data-type': type,
      transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`,
      tabindex: 0,
    });
    group.append(svg('rect', { width: box.width, height: box.height, rx: 6, fill: typeColor(type) }));
    const text = svg('text', { x: box.width / 2, y: box.height / 2 + 4, 'text-anchor': 'middle' });
    text.textContent = label(id);
    const title = svg('title', {});
    title.textContent = `${type} ${id}`;
    group.append(text, title);
    group.addEventListener('click', () => open(id));
    group.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') open(id);
    });
    scene.append(group);
  }
  host.replaceChildren(root);
  enableZoomAndPan(root, scene, width, height);
}

function enableZoomAndPan(root: SVGSVGElement, scene: SVGGElement, width: number, height: number): void {
  const view = { x: 0, y: 0, k: 1 };
  const apply = () => scene.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
  const fit = () => {
    const box = root.getBoundingClientRect();
    view.k = Math.min(1.5, box.width / Math.max(width, 1), box.height / Math.max(height, 1));
    view.x = (box.width - width * view.k) / 2;
    view.y = (box.height - height * view.k) / 2;
    apply();
  };
  root.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const box = root.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * 0.0015);
      const px = event.clientX - box.left;
      const py = event.clientY - box.top;
      view.x = px - (px - view.x) * factor;
      view.y = py - (py - view.y) * factor;
      view.k *= factor;
      apply();
    },
    { passive: false },
  );
  let drag: { x: number; y: number } | null = null;
  root.addEventListener('pointerdown', (event) => {
    if ((event.target as Element).closest('.node')) return;
    drag = { x: event.clientX - view.x, y: event.clientY - view.y };
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener('pointermove', (event) => {
    if (!drag) return;
    view.x = event.clientX - drag.x;
    view.y = event.clientY - drag.y;
    apply();
  });
  root.addEventListener('pointerup', () => (drag = null));
  root.addEventListener('dblclick', fit);
  requestAnimationFrame(fit);
}

/**
 * Marks the drawn nodes holding a traced column's upstream columns (`found`: node to columns), dims the
 * rest, and marks the edges between marked nodes; each marked node's tooltip lists its columns.
 */
export function highlightColumns(host: HTMLElement, found: Map<string, Set<string>>): void {
  const root = host.querySelector('svg.graph');
  if (!root) return;
  root.classList.add('column-trace');
  root.querySelectorAll<SVGGElement>('.node').forEach((node) => {
    const columns = found.get(node.dataset.id ?? '');
    node.classList.toggle('column-hit', !!columns);
    if (columns) {
      node.dataset.columns = [...columns].sort().join(',');
      const title = node.querySelector('title');
      if (title) title.textContent += `\ncolumns: ${[...columns].sort().join(', ')}`;
    }
  });
  root.querySelectorAll<SVGPathElement>('.edge').forEach((edge) => {
    edge.classList.toggle('column-hit', found.has(edge.dataset.from ?? '') && found.has(edge.dataset.to ?? ''));
  });
}
