import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

const PROJECT = {
  'project.yml': 'name: shop\nprofile: shop\n',
  'models/marts/orders.sql': 'select 1 as order_id, 10 as amount, current_date as ordered_at\n',
  'models/marts/orders.yml': [
    'semantic_models:',
    '  - name: orders',
    "    model: ref('orders')",
    '    defaults: {agg_time_dimension: ordered_at}',
    '    entities: [{name: order_id, type: primary}]',
    '    dimensions: [{name: ordered_at, type: time, type_params: {time_granularity: day}}]',
    '    measures:',
    '      - {name: order_total, agg: sum, expr: amount}',
    '      - {name: order_count, agg: sum, expr: 1, create_metric: true}',
    'metrics:',
    '  - name: revenue',
    '    label: Revenue',
    '    type: simple',
    '    type_params: {measure: order_total}',
    '    filter: "{{ Dimension(\'order_id__ordered_at\') }} is not null"',
    '  - name: revenue_per_order',
    '    label: Revenue per order',
    '    type: ratio',
    '    type_params: {numerator: revenue, denominator: order_count}',
    'saved_queries:',
    '  - name: daily_revenue',
    '    query_params:',
    '      metrics: [revenue]',
    "      group_by: [\"TimeDimension('metric_time', 'day')\"]",
    '    exports: [{name: daily_revenue, config: {export_as: table}}]',
    '',
  ].join('\n'),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON artifact, read by path
function manifestOf(dir: string): Record<string, Record<string, any>> {
  return JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8'));
}

describe('the semantic layer: semantic models, metrics and saved queries parse into manifest.json', () => {
  test('each lands under its key with its unique id, fqn and what it reads; parent and child maps link them', async () => {
    const dir = writeProject(PROJECT);
    const run = await tsdbt(dir, 'parse');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const manifest = manifestOf(dir);
    const model = manifest.semantic_models['semantic_model.shop.orders'];
    expect(model).toMatchObject({
      resource_type: 'semantic_model',
      fqn: ['shop', 'marts', 'orders'],
      original_file_path: 'models/marts/orders.yml',
      model: "ref('orders')",
      node_relation: { alias: 'orders', schema_name: 'main', database: 'shop' },
      depends_on: { nodes: ['model.shop.orders'] },
      refs: [{ name: 'orders', package: null, version: null }],
    });
    expect(model.measures.map((m: { name: string }) => m.name)).toEqual(['order_total', 'order_count']);
    expect(Object.keys(manifest.metrics).sort()).toEqual(['metric.shop.order_count', 'metric.shop.revenue', 'metric.shop.revenue_per_order']);
    expect(manifest.metrics['metric.shop.revenue']).toMatchObject({
      type: 'simple',
      label: 'Revenue',
      type_params: { measure: { name: 'order_total' }, input_measures: [{ name: 'order_total' }] },
      filter: { where_filters: [{ where_sql_template: "{{ Dimension('order_id__ordered_at') }} is not null" }] },
      depends_on: { nodes: ['semantic_model.shop.orders'] },
    });
    expect(manifest.metrics['metric.shop.revenue_per_order']).toMatchObject({
      type: 'ratio',
      type_params: { numerator: { name: 'revenue' }, denominator: { name: 'order_count' } },
      depends_on: { nodes: ['metric.shop.order_count', 'metric.shop.revenue'] },
    });
    expect(manifest.saved_queries['saved_query.shop.daily_revenue']).toMatchObject({
      query_params: { metrics: ['revenue'], group_by: ["TimeDimension('metric_time', 'day')"], where: null },
      exports: [{ name: 'daily_revenue', config: { export_as: 'table', schema_name: 'main', alias: 'daily_revenue' } }],
      depends_on: { nodes: ['metric.shop.revenue'] },
    });
    expect(manifest.child_map['model.shop.orders']).toContain('semantic_model.shop.orders');
    expect(manifest.parent_map['saved_query.shop.daily_revenue']).toEqual(['metric.shop.revenue']);
  });

  test('the `graph` context holds them too, as manifest.json has them', async () => {
    const dir = writeProject({
      ...PROJECT,
      'models/marts/listing.sql': [
        '{% if execute %}',
        "select '{{ graph.metrics.keys() | sort | join(',') }}' as metrics,",
        "  '{{ graph.semantic_models['semantic_model.shop.orders'].depends_on.nodes | join(',') }}' as model_parents,",
        "  '{{ graph.saved_queries | length }}' as saved",
        '{% endif %}',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'compile', '-s', 'listing');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'target/compiled/shop/models/marts/listing.sql'), 'utf8')).toBe(
      "\nselect 'metric.shop.order_count,metric.shop.revenue,metric.shop.revenue_per_order' as metrics,\n  'model.shop.orders' as model_parents,\n  '1' as saved\n",
    );
  });

  test('a semantic model on a model that does not exist, or a metric on an unknown measure, is a parse error naming the file', async () => {
    const yml = PROJECT['models/marts/orders.yml'];
    const badModel = writeProject({ ...PROJECT, 'models/marts/orders.yml': yml.replace("model: ref('orders')", "model: ref('ordrs')") });
    const run = await tsdbt(badModel, 'parse');
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/models\/marts\/orders\.yml:2.*semantic model 'orders' reads ref\('ordrs'\), which was not found/s);
    const badMeasure = writeProject({ ...PROJECT, 'models/marts/orders.yml': yml.replace('{measure: order_total}', '{measure: order_totl}') });
    const second = await tsdbt(badMeasure, 'parse');
    expect(second.code).toBe(2);
    expect(second.stdout + second.stderr).toContain("metric 'revenue' reads the measure 'order_totl', which no semantic model defines");
  });
});
