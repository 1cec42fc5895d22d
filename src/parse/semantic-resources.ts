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
