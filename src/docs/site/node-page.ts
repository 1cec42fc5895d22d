import { typeColor } from './colors';
import { catalogOf, type Resource, type SiteData } from './data';
import type { ColumnLineage } from '../column-lineage';
import { chartsSection } from './charts';
import { columnParameter } from './column-trace';
import { graphHref, h, markdown, resourceHref, sqlBlock } from './render';

/** The tests attached to a node, by column name ('' for table-level tests). */
export function testsByColumn(resources: Map<string, Resource>, uniqueId: string): Map<string, Resource[]> {
  const tests = new Map<string, Resource[]>();
  for (const r of resources.values()) {
    if (r.resource_type !== 'test' || r.attached_node !== uniqueId) continue;
    const column = (r.column_name ?? '').toLowerCase();
    tests.set(column, [...(tests.get(column) ?? []), r]);
  }
  return tests;
}

function testLabel(test: Resource): string {
  return test.test_metadata ? (test.test_metadata.namespace ? `${test.test_metadata.namespace}.` : '') + test.test_metadata.name : test.name;
}

function links(ids: string[], resources: Map<string, Resource>): HTMLElement {
  if (ids.length === 0) return h('p', { class: 'muted' }, 'none');
  return h(
    'ul',
    { class: 'links' },
    ...[...ids]
      .sort()
      .map((id) =>
        h(
          'li',
          {},
          h('a', { href: resourceHref(id) }, resources.get(id)?.name ?? id),
          ' ',
          h('span', { class: 'muted' }, resources.get(id)?.resource_type ?? ''),
        ),
      ),
  );
}

function detailsTable(resource: Resource, data: SiteData): HTMLElement {
  const catalog = catalogOf(data.catalog, resource.unique_id);
  const rows: [string, string | undefined][] = [
    ['Type', resource.resource_type],
    ['Package', resource.package_name],
    ['Relation', resource.relation_name ?? undefined],
    ['Materialization', resource.config?.materialized as string | undefined],
    ['Path', resource.original_file_path],
    ['Tags', resource.tags?.length ? resource.tags.join(', ') : undefined],
    ['Exposure type', resource.resource_type === 'exposure' ? resource.type : undefined],
    ['Maturity', resource.maturity ?? undefined],
    ['Exposure owner', [resource.owner?.name, resource.owner?.email].filter(Boolean).join(' ') || undefined],
    ['URL', resource.url ?? undefined],
    ['Warehouse type', catalog?.metadata.type],
    ['Owner', catalog?.metadata.owner ?? undefined],
    ...Object.values(catalog?.stats ?? {})
      .filter((stat) => stat.include)
      .map((stat): [string, string] => [stat.label, String(stat.value)]),
  ];
  return h('table', { class: 'details' }, ...rows.filter(([, value]) => value).map(([label, value]) => h('tr', {}, h('th', {}, label), h('td', {}, value))));
}

/** A column's upstream columns, each a link to its node; and a link to the graph highlighting all of them. */
function lineageCell(resource: Resource, column: ColumnLineage | undefined, resources: Map<string, Resource>): HTMLElement {
  if (!column) return h('td', { class: 'column-lineage' });
  const sources = column.sources.map((source) =>
    h(
      'a',
      { class: 'lineage-source', href: resourceHref(source.node), 'data-node': source.node, 'data-column': source.column },
      `${resources.get(source.node)?.name ?? source.node}.${source.column}`,
    ),
  );
  return h(
    'td',
    { class: 'column-lineage' },
    sources.length === 0 ? h('span', { class: 'muted' }, 'no upstream column') : h('span', { class: 'lineage-sources' }, ...sources),
    ' ',
    column.transformed ? h('span', { class: 'muted' }, 'transformed') : null,
    ' ',
    h('a', { class: 'lineage-graph', href: graphHref(`+${selectorOf(resource)}`, '', columnParameter(resource.unique_id, column.column)) }, 'graph'),
  );
}

function columnsTable(resource: Resource, data: SiteData, resources: Map<string, Resource>): HTMLElement | null {
  const catalog = catalogOf(data.catalog, resource.unique_id);
  const declared = Object.values(resource.columns ?? {});
  const fromWarehouse = Object.values(catalog?.columns ?? {}).sort((a, b) => a.index - b.index);
  // The warehouse's column order when the relation exists, then any declared column it lacks.
  const names = [...fromWarehouse.map((c) => c.name)];
  for (const column of declared) if (!names.some((n) => n.toLowerCase() === column.name.toLowerCase())) names.push(column.name);
  const traced = data.tsdbt.columnLineage?.[resource.unique_id];
  const lineage = traced && 'columns' in traced ? traced.columns : undefined;
  // Columns the lineage finds but the warehouse does not have yet (the model is not built) are listed too.
  for (const column of lineage ?? []) if (!names.some((n) => n.toLowerCase() === column.column.toLowerCase())) names.push(column.column);
  if (names.length === 0) return null;
  const tests = testsByColumn(resources, resource.unique_id);
  const rows = names.map((name) => {
    const lower = name.toLowerCase();
    const properties = declared.find((c) => c.name.toLowerCase() === lower);
    const warehouse = fromWarehouse.find((c) => c.name.toLowerCase() === lower);
    const columnTests = tests.get(lower) ?? [];
    return h(
      'tr',
      { 'data-column': name },
      h('td', { class: 'column-name' }, name),
      h('td', { class: 'column-type' }, warehouse?.type ?? properties?.data_type ?? ''),
      h('td', {}, markdown(properties?.description || warehouse?.comment || '', true)),
      h('td', {}, ...columnTests.map((test) => h('a', { class: 'test-badge', href: resourceHref(test.unique_id), title: test.name }, testLabel(test)))),
      lineage &&
        lineageCell(
          resource,
          lineage.find((c) => c.column.toLowerCase() === lower),
          resources,
        ),
    );
  });
  return h(
    'table',
    { class: 'columns' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, 'Column'), h('th', {}, 'Type'), h('th', {}, 'Description'), h('th', {}, 'Tests'), lineage && h('th', {}, 'Upstream columns')),
    ),
    h('tbody', {}, ...rows),
  );
}

/** Why a node has no column lineage, when it was attempted. */
function lineageUnavailable(resource: Resource, data: SiteData): HTMLElement | null {
  const traced = data.tsdbt.columnLineage?.[resource.unique_id];
  return traced && 'unavailable' in traced ? h('p', { class: 'muted lineage-unavailable' }, `Column lineage unavailable: ${traced.unavailable}`) : null;
}

function codeSection(resource: Resource): HTMLElement | null {
  const versions: [string, string][] = [];
  if (resource.raw_code) versions.push(['Source', resource.raw_code]);
  if (resource.compiled_code) versions.push(['Compiled', resource.compiled_code]);
  if (resource.macro_sql) versions.push(['Macro', resource.macro_sql]);
  if (versions.length === 0) return null;
  const body = h('div', { class: 'code-body' });
  const tabs = versions.map(([label, code], index) => {
    const tab = h('button', { class: 'tab', type: 'button', 'data-code': label.toLowerCase() }, label);
    tab.addEventListener('click', () => {
      tabs.forEach((t) => t.classList.toggle('active', t === tab));
      body.replaceChildren(sqlBlock(code));
    });
    if (index === versions.length - 1) tab.classList.add('active');
    return tab;
  });
  // The compiled SQL first when there is one: it is what ran.
  body.append(sqlBlock(versions[versions.length - 1][1]));
  return h('section', { class: 'code-section' }, h('h2', {}, 'Code'), h('div', { class: 'tabs' }, ...tabs), body);
}

/** The page of one resource: description, columns, tests, lineage links, code and config. */
export function nodePage(resource: Resource, data: SiteData, resources: Map<string, Resource>): HTMLElement {
  const id = resource.unique_id;
  const parents = data.manifest.parent_map[id] ?? resource.depends_on?.macros ?? [];
  const children = (data.manifest.child_map[id] ?? []).filter((child) => resources.get(child)?.resource_type !== 'test');
  const tests = [...testsByColumn(resources, id).values()].flat();
  const canGraph = id in data.manifest.parent_map && resource.resource_type !== 'test';
  return h(
    'article',
    { class: 'node-page', 'data-id': id },
    h(
      'header',
      {},
      h('span', { class: 'badge', style: `background:${typeColor(resource.resource_type)}` }, resource.resource_type),
      h('h1', {}, resource.source_name ? `${resource.source_name}.${resource.name}` : resource.name),
      canGraph && h('a', { class: 'button', href: graphHref(`+${selectorOf(resource)}+`) }, 'Lineage'),
    ),
    detailsTable(resource, data),
    h('section', {}, h('h2', {}, 'Description'), markdown(resource.description || '*No description.*')),
    resource.source_description && h('section', {}, h('h2', {}, 'Source description'), markdown(resource.source_description)),
    (() => {
      const table = columnsTable(resource, data, resources);
      const unavailable = lineageUnavailable(resource, data);
      return (table || unavailable) && h('section', {}, h('h2', {}, 'Columns'), unavailable, table);
    })(),
    tests.length > 0 &&
      h(
        'section',
        {},
        h('h2', {}, 'Tests'),
        links(
          tests.map((t) => t.unique_id),
          resources,
        ),
      ),
    h(
      'section',
      { class: 'relatives' },
      h('div', {}, h('h2', {}, 'Depends on'), links(parents, resources)),
      h('div', {}, h('h2', {}, 'Referenced by'), links(children, resources)),
    ),
    data.tsdbt.charts?.[id] && chartsSection(data.tsdbt.charts[id]),
    codeSection(resource),
    resource.config && h('section', {}, h('h2', {}, 'Config'), h('pre', { class: 'config' }, JSON.stringify(resource.config, null, 2))),
  );
}

/** The selector that picks this resource alone. */
export function selectorOf(resource: Resource): string {
  if (resource.resource_type === 'source') return `source:${resource.source_name}.${resource.name}`;
  return resource.resource_type === 'exposure' ? `exposure:${resource.name}` : resource.name;
}
