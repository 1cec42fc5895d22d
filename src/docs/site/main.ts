import 'highlight.js/styles/github.css';
import './style.css';
import { TYPE_COLORS } from './colors';
import { resourcesOf, type Resource, type SiteData } from './data';
import { parseColumnParameter, upstreamColumns, columnParameter } from './column-trace';
import { drawGraph, highlightColumns } from './graph-view';
import { Lineage } from './lineage';
import { loadSiteData } from './load';
import { nodePage } from './node-page';
import { graphHref, h, markdown, resourceHref } from './render';
import { search } from './search';
import { databaseTree, projectTree, type TreeNode } from './trees';

interface Site {
  data: SiteData;
  resources: Map<string, Resource>;
  lineage: Lineage;
  main: HTMLElement;
}

function treeView(nodes: TreeNode[], depth = 0): HTMLElement {
  return h(
    'ul',
    { class: 'tree' },
    ...nodes.map((node) => {
      if (node.uniqueId !== undefined)
        return h('li', {}, h('a', { href: resourceHref(node.uniqueId), 'data-id': node.uniqueId, class: `leaf type-${node.resourceType}` }, node.label));
      const details = h('details', {}, h('summary', {}, node.label), treeView(node.children, depth + 1));
      // The first level opens by itself; deeper folders on demand (and the tree stays light at 10,000 nodes).
      if (depth === 0) details.open = true;
      return h('li', {}, details);
    }),
  );
}

function sidebar(site: Site): HTMLElement {
  const project = site.data.manifest.metadata.project_name ?? '';
  const trees = { Project: () => treeView(projectTree(site.resources.values(), project)), Database: () => treeView(databaseTree(site.resources.values())) };
  const body = h('div', { class: 'tree-body' });
  const tabs = Object.entries(trees).map(([label, build], index) => {
    const tab = h('button', { class: 'tab', type: 'button', 'data-tree': label.toLowerCase() }, label);
    tab.addEventListener('click', () => {
      tabs.forEach((t) => t.classList.toggle('active', t === tab));
      body.replaceChildren(build());
    });
    if (index === 0) {
      tab.classList.add('active');
      body.append(build());
    }
    return tab;
  });
  return h('nav', { class: 'sidebar' }, h('div', { class: 'tabs' }, ...tabs), body);
}

function overviewPage(site: Site): HTMLElement {
  const counts = new Map<string, number>();
  for (const r of site.resources.values()) counts.set(r.resource_type, (counts.get(r.resource_type) ?? 0) + 1);
  const name = site.data.manifest.metadata.project_name ?? 'project';
  // dbt's `{% docs __overview__ %}` block: the project's own, else the first one found.
  const overviews = Object.values(site.data.manifest.docs ?? {}).filter((doc) => doc.name === '__overview__');
  const overview = overviews.find((doc) => doc.package_name === name) ?? overviews[0];
  return h(
    'article',
    { class: 'overview' },
    h('h1', {}, name),
    overview ? markdown(overview.block_contents) : null,
    h('p', {}, 'Pick a resource in the tree, search above, or open the ', h('a', { href: graphHref('') }, 'lineage graph'), '.'),
    h('table', { class: 'details' }, ...[...counts.entries()].sort().map(([type, count]) => h('tr', {}, h('th', {}, type), h('td', {}, String(count))))),
    site.data.manifest.metadata.generated_at ? h('p', { class: 'muted' }, `Generated at ${site.data.manifest.metadata.generated_at}`) : null,
  );
}

function searchPage(site: Site, query: string): HTMLElement {
  const hits = search(site.resources.values(), query);
  return h(
    'article',
    { class: 'search-results' },
    h('h1', {}, `Search: ${query}`),
    h('p', { class: 'muted' }, `${hits.length} result${hits.length === 1 ? '' : 's'}`),
    h(
      'ul',
      { class: 'links' },
      ...hits.map((hit) => {
        const r = site.resources.get(hit.uniqueId) as Resource;
        return h(
          'li',
          { 'data-id': hit.uniqueId },
          h('a', { href: resourceHref(hit.uniqueId) }, r.name),
          ' ',
          h('span', { class: 'muted' }, r.resource_type),
          hit.field === 'name'
            ? null
            : h('div', { class: 'excerpt' }, `${hit.field}: `, hit.field === 'description' ? markdown(hit.excerpt, true) : hit.excerpt),
        );
      }),
    ),
  );
}

/** A picker of the columns (with lineage) of the drawn nodes; picking one highlights its upstream columns. */
function columnPicker(site: Site, nodes: string[], select: string, exclude: string, column: string): HTMLElement | null {
  const lineage = site.data.tsdbt.columnLineage ?? {};
  const groups = nodes.flatMap((id) => {
    const traced = lineage[id];
    if (!traced || !('columns' in traced)) return [];
    const group = h('optgroup', { label: site.resources.get(id)?.name ?? id });
    for (const c of traced.columns) {
      const value = columnParameter(id, c.column);
      const option = h('option', { value }, `${site.resources.get(id)?.name ?? id}.${c.column}`);
      option.selected = value === column;
      group.append(option);
    }
    return [group];
  });
  if (groups.length === 0) return null;
  const picker = h('select', { name: 'column', 'aria-label': 'column lineage' }, h('option', { value: '' }, 'Column lineage: pick a column'), ...groups);
  picker.addEventListener('change', () => (location.hash = graphHref(select, exclude, picker.value)));
  return picker;
}

/** The traced column's upstream columns, as links. */
function tracePanel(site: Site, found: Map<string, Set<string>>, start: string): HTMLElement {
  const items = [...found.entries()]
    .filter(([node]) => node !== start)
    .flatMap(([node, columns]) =>
      [...columns]
        .sort()
        .map((column) =>
          h('li', {}, h('a', { href: resourceHref(node), 'data-node': node, 'data-column': column }, `${site.resources.get(node)?.name ?? node}.${column}`)),
        ),
    );
  return h('div', { class: 'column-trace-panel' }, h('strong', {}, 'Upstream columns: '), items.length ? h('ul', { class: 'inline-list' }, ...items) : 'none');
}

function graphPage(site: Site, select: string, exclude: string, column = ''): HTMLElement {
  const selectInput = h('input', { name: 'select', placeholder: '--select, e.g. +dim_users tag:nightly', value: select, size: '36' });
  const excludeInput = h('input', { name: 'exclude', placeholder: '--exclude', value: exclude, size: '24' });
  const form = h('form', { class: 'graph-form' }, selectInput, excludeInput, h('button', { type: 'submit' }, 'Update'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = graphHref(selectInput.value.trim(), excludeInput.value.trim());
  });
  const status = h('p', { class: 'graph-status' });
  const canvas = h('div', { class: 'graph-canvas' });
  const legend = h(
    'div',
    { class: 'legend' },
    ...Object.entries(TYPE_COLORS)
      .filter(([type]) => type !== 'test' && type !== 'macro')
      .map(([type, color]) => h('span', {}, h('i', { style: `background:${color}` }), type)),
  );
  const page = h('article', { class: 'graph-page' }, form, status, legend, canvas);
  try {
    const view = site.lineage.view(select, exclude);
    const what = select || exclude ? 'selected' : 'in the project';
    status.textContent = view.truncated
      ? `${view.selectedCount} nodes ${what}: too many to draw; showing the first ${view.nodes.length} in DAG order. Narrow the selection, e.g. +${firstModel(site)}.`
      : `${view.nodes.length} node${view.nodes.length === 1 ? '' : 's'}, ${view.edges.length} edge${view.edges.length === 1 ? '' : 's'} ${what}.`;
    if (view.unmatched.length) status.textContent += ` No match for: ${view.unmatched.join(', ')}.`;
    status.dataset.nodes = String(view.nodes.length);
    status.dataset.edges = String(view.edges.length);
    const traced = parseColumnParameter(column);
    const found = traced ? upstreamColumns(site.data.tsdbt.columnLineage ?? {}, traced) : undefined;
    page.insertBefore(
      h('div', { class: 'column-tools' }, columnPicker(site, view.nodes, select, exclude, column), found && traced && tracePanel(site, found, traced.node)),
      legend,
    );
    requestAnimationFrame(() => {
      drawGraph(canvas, view.nodes, view.edges, site.resources, (id) => (location.hash = resourceHref(id)));
      if (found) highlightColumns(canvas, found);
    });
  } catch (error) {
    status.classList.add('error');
    status.textContent = error instanceof Error ? error.message : String(error);
  }
  return page;
}

function firstModel(site: Site): string {
  for (const r of site.resources.values()) if (r.resource_type === 'model') return r.name;
  return 'my_model';
}

function route(site: Site): void {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [pathPart, queryPart = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const query = new URLSearchParams(queryPart);
  let page: HTMLElement;
  if (hash.startsWith('node/')) {
    const resource = site.resources.get(decodeURIComponent(pathPart.slice('node/'.length)));
    page = resource ? nodePage(resource, site.data, site.resources) : h('article', {}, h('h1', {}, 'Not found'), h('p', {}, hash));
  } else if (pathPart === 'search') page = searchPage(site, query.get('q') ?? '');
  else if (pathPart === 'graph') page = graphPage(site, query.get('select') ?? '', query.get('exclude') ?? '', query.get('column') ?? '');
  else page = overviewPage(site);
  site.main.replaceChildren(page);
  site.main.scrollTop = 0;
  document.querySelectorAll('.sidebar a.current').forEach((a) => a.classList.remove('current'));
  if (hash.startsWith('node/')) document.querySelector(`.sidebar a[data-id="${CSS.escape(decodeURIComponent(pathPart.slice(5)))}"]`)?.classList.add('current');
}

async function start(): Promise<void> {
  const app = document.getElementById('app') as HTMLElement;
  let data: SiteData;
  try {
    data = await loadSiteData();
  } catch (error) {
    app.replaceChildren(h('p', { class: 'error' }, `Could not load the docs data: ${error instanceof Error ? error.message : String(error)}`));
    return;
  }
  const resources = resourcesOf(data.manifest);
  const site: Site = { data, resources, lineage: new Lineage(data.manifest, data.tsdbt.selectable), main: h('main', { class: 'content' }) };
  const searchInput = h('input', { type: 'search', name: 'q', placeholder: 'Search names, descriptions, columns', class: 'search' });
  const searchForm = h('form', { class: 'search-form', role: 'search' }, searchInput);
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/search?${new URLSearchParams({ q: searchInput.value }).toString()}`;
  });
  const header = h(
    'header',
    { class: 'top' },
    h('a', { href: '#/', class: 'brand' }, data.manifest.metadata.project_name ?? 'tsdbt docs'),
    searchForm,
    h('a', { href: graphHref(''), class: 'button', id: 'open-graph' }, 'Lineage graph'),
  );
  app.replaceChildren(header, h('div', { class: 'body' }, sidebar(site), site.main));
  window.addEventListener('hashchange', () => route(site));
  route(site);
  document.body.dataset.ready = 'true';
}

void start();
