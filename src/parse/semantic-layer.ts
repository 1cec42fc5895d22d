import path from 'node:path';
import { ProjectError, didYouMean, type ErrorCollector } from '../errors';
import type { YamlEntry } from '../project/exposures';
import { isPlainObject } from '../project/yaml-file';
import type { Manifest } from './manifest';
import type { SemanticLayer, SemanticResource } from './semantic-resources';

export interface SemanticEntries {
  semanticModels: YamlEntry[];
  metrics: YamlEntry[];
  savedQueries: YamlEntry[];
}

const REF = /^\s*ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?(?:,\s*v(?:ersion)?\s*=\s*[^)]*)?\)\s*$/;

export function buildSemanticLayer(manifest: Manifest, entries: SemanticEntries, errors: ErrorCollector): SemanticLayer {
  const layer: SemanticLayer = { semanticModels: new Map(), metrics: new Map(), savedQueries: new Map() };
  const project = manifest.project.name;
  const common = (kind: string, value: Record<string, unknown>, file: string) => {
    const name = String(value.name);
    const config = isPlainObject(value.config) ? value.config : {};
    return {
      name,
      resource_type: kind,
      package_name: project,
      path: relativeToResourceDir(manifest, file),
      original_file_path: file,
      unique_id: `${kind}.${project}.${name}`,
      fqn: [
        project,
        ...path.posix
          .dirname(relativeToResourceDir(manifest, file))
          .split('/')
          .filter((p) => p && p !== '.'),
        name,
      ],
      description: String(value.description ?? ''),
      label: typeof value.label === 'string' ? value.label : null,
      metadata: null,
      config: { enabled: true, group: null, meta: {}, ...config },
      unrendered_config: config,
      group: typeof config.group === 'string' ? config.group : null,
      created_at: Date.now() / 1000,
    };
  };
  const unique = (map: Map<string, SemanticResource>, id: string, kind: string, name: string, location: YamlEntry['location']) => {
    if (map.has(id)) throw new ProjectError(`two ${kind}s are named '${name}'`, location, `give each ${kind} its own name`);
  };

  // Semantic models: the measures they define, by name, say which semantic model a metric reads.
  const measureOwner = new Map<string, string>();
  for (const { value, location } of entries.semanticModels) {
    errors.attempt(() => {
      const base = common('semantic_model', value, location.file);
      unique(layer.semanticModels, base.unique_id, 'semantic model', base.name, location);
      const ref = REF.exec(String(value.model ?? ''));
      if (!ref)
        throw new ProjectError(`semantic model '${base.name}': \`model:\` must be ref('a_model'), not ${JSON.stringify(value.model ?? null)}`, location);
      const modelName = ref[4] ?? ref[2];
      const node = [...manifest.nodes.values()].find((n) => n.resourceType === 'model' && n.name === modelName);
      if (!node) {
        const models = [...manifest.nodes.values()].filter((n) => n.resourceType === 'model').map((n) => n.name);
        throw new ProjectError(
          `semantic model '${base.name}' reads ref('${modelName}'), which was not found`,
          location,
          didYouMean(modelName, models) ?? 'check the model name',
        );
      }
      const measures = listOf(value.measures).map((m) => ({
        name: m.name,
        agg: m.agg,
        description: m.description ?? null,
        label: m.label ?? null,
        create_metric: m.create_metric ?? false,
        expr: m.expr === undefined ? null : String(m.expr),
        agg_params: m.agg_params ?? null,
        non_additive_dimension: m.non_additive_dimension ?? null,
        agg_time_dimension: m.agg_time_dimension ?? null,
        config: { meta: {}, ...(isPlainObject(m.config) ? m.config : {}) },
      }));
      for (const m of measures) measureOwner.set(String(m.name), base.unique_id);
      layer.semanticModels.set(base.unique_id, {
        uniqueId: base.unique_id,
        dependsOn: [node.uniqueId],
        body: {
          ...base,
          model: String(value.model),
          node_relation: {
            alias: node.alias,
            schema_name: node.schema,
            database: node.database,
            relation_name: `"${node.database}"."${node.schema}"."${node.alias}"`,
          },
          defaults: isPlainObject(value.defaults) ? value.defaults : null,
          primary_entity: value.primary_entity ?? null,
          entities: listOf(value.entities).map((e) => ({
            name: e.name,
            type: e.type,
            description: e.description ?? null,
            label: e.label ?? null,
            role: e.role ?? null,
            expr: e.expr === undefined ? null : String(e.expr),
            config: { meta: {}, ...(isPlainObject(e.config) ? e.config : {}) },
          })),
          measures,
          dimensions: listOf(value.dimensions).map((d) => ({
            name: d.name,
            type: d.type,
            description: d.description ?? null,
            label: d.label ?? null,
            is_partition: d.is_partition ?? false,
            type_params: isPlainObject(d.type_params) ? { time_granularity: null, validity_params: null, ...d.type_params } : null,
            expr: d.expr === undefined ? null : String(d.expr),
            metadata: null,
            config: { meta: {}, ...(isPlainObject(d.config) ? d.config : {}) },
          })),
          refs: [{ name: modelName, package: ref[4] ? ref[2] : null, version: null }],
        },
      });
    });
  }

  // A measure with `create_metric: true` is also a simple metric of the same name.
  const created: YamlEntry[] = [];
  for (const { value, location, packageName } of entries.semanticModels) {
    for (const m of listOf(value.measures)) {
      if (m.create_metric !== true || !layer.semanticModels.has(`semantic_model.${project}.${String(value.name)}`)) continue;
      created.push({
        value: { name: m.name, label: m.label ?? m.name, description: m.description, type: 'simple', type_params: { measure: m.name } },
        location,
        packageName,
      });
    }
  }
  const metricEntries = [...entries.metrics, ...created];
  const metricNames = new Set(metricEntries.map(({ value }) => String(value.name)));
  for (const { value, location } of metricEntries) {
    errors.attempt(() => {
      const base = common('metric', value, location.file);
      unique(layer.metrics, base.unique_id, 'metric', base.name, location);
      const params = isPlainObject(value.type_params) ? value.type_params : {};
      const measure = measureInput(params.measure);
      const numerator = metricInput(params.numerator);
      const denominator = metricInput(params.denominator);
      const inputMetrics = [...listOf(params.metrics, true).map(metricInput), numerator, denominator].filter((m): m is Record<string, unknown> => m !== null);
      const inputMeasures = [
        measure,
        ...(isPlainObject(params.conversion_type_params)
          ? [params.conversion_type_params.base_measure, params.conversion_type_params.conversion_measure].map(measureInput)
          : []),
      ].filter((m): m is Record<string, unknown> => m !== null);
      const dependsOn = new Set<string>();
      for (const m of inputMeasures) {
        const owner = measureOwner.get(String(m.name));
        if (!owner)
          throw new ProjectError(
            `metric '${base.name}' reads the measure '${String(m.name)}', which no semantic model defines`,
            location,
            didYouMean(String(m.name), measureOwner.keys()) ?? 'check the measure name',
          );
        dependsOn.add(owner);
      }
      for (const m of inputMetrics) {
        if (!metricNames.has(String(m.name)))
          throw new ProjectError(
            `metric '${base.name}' reads the metric '${String(m.name)}', which is not defined`,
            location,
            didYouMean(String(m.name), metricNames) ?? 'check the metric name',
          );
        dependsOn.add(`metric.${project}.${String(m.name)}`);
      }
      const config = base.config as Record<string, unknown>;
      layer.metrics.set(base.unique_id, {
        uniqueId: base.unique_id,
        dependsOn: [...dependsOn].sort(),
        body: {
          ...base,
          type: value.type,
          type_params: {
            measure,
            input_measures: inputMeasures,
            numerator,
            denominator,
            expr: params.expr === undefined ? null : String(params.expr),
            window: params.window ?? null,
            grain_to_date: params.grain_to_date ?? null,
            metrics: listOf(params.metrics, true).map(metricInput),
            conversion_type_params: params.conversion_type_params ?? null,
            cumulative_type_params: params.cumulative_type_params ?? null,
          },
          filter: whereFilters(value.filter),
          time_granularity: value.time_granularity ?? null,
          meta: { ...(isPlainObject(value.meta) ? value.meta : {}), ...(isPlainObject(config.meta) ? config.meta : {}) },
          tags: [value.tags, config.tags].flat().filter((t): t is string => typeof t === 'string'),
          sources: [],
          refs: [],
          metrics: inputMetrics.map((m) => [m.name]),
        },
      });
    });
  }

  for (const { value, location } of entries.savedQueries) {
    errors.attempt(() => {
      const base = common('saved_query', value, location.file);
      unique(layer.savedQueries, base.unique_id, 'saved query', base.name, location);
      const query = isPlainObject(value.query_params) ? value.query_params : {};
      const metrics = listOf(query.metrics, true).map(String);
      for (const name of metrics)
        if (!metricNames.has(name))
          throw new ProjectError(
            `saved query '${base.name}' reads the metric '${name}', which is not defined`,
            location,
            didYouMean(name, metricNames) ?? 'check the metric name',
          );
      const config = base.config as Record<string, unknown>;
      layer.savedQueries.set(base.unique_id, {
        uniqueId: base.unique_id,
        dependsOn: [...new Set(metrics.map((name) => `metric.${project}.${name}`))].sort(),
        body: {
          ...base,
          query_params: {
            metrics,
            group_by: listOf(query.group_by, true).map(String),
            where: whereFilters(query.where),
            order_by: listOf(query.order_by, true).map(String),
            limit: query.limit ?? null,
          },
          exports: listOf(value.exports).map((e) => {
            const exportConfig = isPlainObject(e.config) ? e.config : {};
            return {
              name: e.name,
              config: {
                export_as: exportConfig.export_as ?? 'table',
                schema_name: exportConfig.schema ?? manifest.target.schema,
                alias: exportConfig.alias ?? e.name,
                database: manifest.target.database,
              },
              unrendered_config: exportConfig,
            };
          }),
          tags: [value.tags, config.tags].flat().filter((t): t is string => typeof t === 'string'),
          refs: [],
        },
      });
    });
  }
  return layer;
}

/** A YAML list of mappings (`strings` keeps scalar items too); anything else is empty. */
function listOf(value: unknown, strings = false): Record<string, unknown>[] & unknown[] {
  if (!Array.isArray(value)) return value === undefined || value === null || !strings ? [] : ([value] as never);
  return value.filter((item) => strings || isPlainObject(item)) as never;
}

/** `measure: name` or `measure: {name, filter, alias, ...}`, in dbt's MetricInputMeasure shape. */
function measureInput(value: unknown): Record<string, unknown> | null {
  return inputOf(value, (spec) => ({ join_to_timespine: spec.join_to_timespine ?? false, fill_nulls_with: spec.fill_nulls_with ?? null }));
}

/** A metric a ratio or derived metric reads, in dbt's MetricInput shape. */
function metricInput(value: unknown): Record<string, unknown> | null {
  return inputOf(value, (spec) => ({ offset_window: spec.offset_window ?? null, offset_to_grain: spec.offset_to_grain ?? null }));
}

/** A name or a mapping with a name: what measure and metric inputs share, then their own keys. */
function inputOf(value: unknown, own: (spec: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  const spec = isPlainObject(value) ? value : { name: String(value) };
  return { name: spec.name, filter: whereFilters(spec.filter), alias: spec.alias ?? null, ...own(spec) };
}

/** `filter:` or `where:` as one template or a list of them. */
function whereFilters(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  const templates = Array.isArray(value) ? value : [value];
  return { where_filters: templates.map((t) => ({ where_sql_template: String(t) })) };
}

/** The file's path under the resource folder it sits in (`marts/orders.yml` for models/marts/orders.yml). */
function relativeToResourceDir(manifest: Manifest, file: string): string {
  for (const dir of manifest.project.modelPaths) {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    if (file.startsWith(prefix)) return file.slice(prefix.length);
  }
  return file;
}
