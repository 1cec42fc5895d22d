/**
 * The semantic layer's definitions (`semantic_models:`, `metrics:`, `saved_queries:`): nothing runs them, but they
 * are parsed, checked against what they name and written to manifest.json in dbt's shape, so that tools reading the
 * manifest (MetricFlow, the dbt Semantic Layer, docs) find them.
 */
export interface SemanticResource {
  uniqueId: string;
  /** The manifest entry, in dbt's shape, without its `depends_on`. */
  body: Record<string, unknown>;
  dependsOn: string[];
}

export interface SemanticLayer {
  semanticModels: Map<string, SemanticResource>;
  metrics: Map<string, SemanticResource>;
  savedQueries: Map<string, SemanticResource>;
}

/** A semantic model, metric or saved query as manifest.json and the `graph` context have it. */
export function semanticDict(resource: SemanticResource): Record<string, unknown> {
  return { ...resource.body, depends_on: { macros: [], nodes: resource.dependsOn } };
}

/** The resources of one kind by unique id, as dicts. */
export function semanticDicts(resources: Map<string, SemanticResource> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const resource of resources?.values() ?? []) out[resource.uniqueId] = semanticDict(resource);
  return out;
}
