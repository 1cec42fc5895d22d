/** Plain data handed from project loading to parsing, the graph, compilation and execution. */
import type { SourceLocation } from '../errors/tsdbt-error';
import type { UnitTestSpec } from '../unit-tests/spec';

export type { SourceLocation };

export type ResourceType = 'model' | 'seed' | 'test' | 'analysis' | 'snapshot' | 'source' | 'unit_test';

/** A node's effective configuration: dbt keys as written (`materialized`, `pre-hook`, ...). */
export type NodeConfig = Record<string, unknown> & {
  enabled?: boolean;
  materialized?: string;
  schema?: string | null;
  alias?: string | null;
  database?: string | null;
  tags?: string[];
  meta?: Record<string, unknown>;
};

export interface ColumnProperties {
  name: string;
  description: string;
  data_type?: string;
  meta: Record<string, unknown>;
  tags: string[];
  /** `constraints:` as dbt's manifest has them (every key, with dbt's defaults). */
  constraints?: Record<string, unknown>[];
  quote?: boolean;
  /** MetricFlow: the grain of a time-spine column. */
  granularity?: string;
}

export interface TestMetadata {
  name: string; // macro name without the `test_` prefix
  namespace: string | null;
  kwargs: Record<string, unknown>;
}

export interface Node {
  uniqueId: string;
  resourceType: ResourceType;
  packageName: string;
  name: string;
  /** Path relative to the resource folder, as dbt's `path`. */
  path: string;
  /** Path relative to the project root, as dbt's `original_file_path`. */
  originalFilePath: string;
  rawCode: string;
  /** A Python model (`.py`); SQL when absent. */
  language?: 'python';
  fqn: string[];
  config: NodeConfig;
  description: string;
  columns: Record<string, ColumnProperties>;
  /** Filled by parsing. */
  refs: RefCall[];
  sourceCalls: [string, string][];
  dependsOn: { nodes: string[]; macros: string[] };
  database: string;
  schema: string;
  alias: string;
  /** Where YAML properties for this node were declared. */
  patchPath?: string;
  testMetadata?: TestMetadata;
  /** The node a generic test is attached to and its column. */
  attachedNode?: string;
  columnName?: string;
  /** Seeds: the CSV file (absolute). */
  seedFile?: string;
  /** Unit tests: the `unit_tests:` entry, with its inputs and expected rows. */
  unitTest?: UnitTestSpec;
  /** Versioned models: this node's version, the model's latest, and when this version is deprecated. */
  version?: ModelVersionId;
  latestVersion?: ModelVersionId;
  deprecationDate?: string;
  /** Models: model-level `constraints:`, as dbt's manifest has them. */
  constraints?: Record<string, unknown>[];
  /** Models: MetricFlow's `time_spine:` properties, as dbt's manifest has them. */
  timeSpine?: Record<string, unknown>;
  /** Models: the primary key dbt infers from constraints and tests (see primary-key). */
  primaryKey?: string[];
}

/** A model version as written after `v:` (1, 1.5 or 'beta'). */
export type ModelVersionId = string | number;

export interface RefCall {
  name: string;
  package?: string;
  version?: ModelVersionId;
  line?: number;
}

export interface SourceTable {
  uniqueId: string; // source.<package>.<source>.<table>
  packageName: string;
  sourceName: string;
  name: string;
  identifier: string;
  database: string;
  schema: string;
  description: string;
  sourceDescription: string;
  loader: string;
  loadedAtField?: string;
  freshness?: unknown;
  external?: unknown;
  columns: Record<string, ColumnProperties>;
  meta: Record<string, unknown>;
  sourceMeta?: Record<string, unknown>;
  quoting?: Record<string, unknown>;
  tags: string[];
  config: NodeConfig;
  originalFilePath: string;
  fqn: string[];
  /** dbt-duckdb: a file expression such as read_csv('data/x.csv') used in place of a relation. */
  externalLocation?: string;
}

export interface MacroDef {
  uniqueId: string; // macro.<package>.<name>
  name: string;
  packageName: string;
  originalFilePath: string;
  line: number;
  description: string;
  /** The macro's text, as the manifest's `macro_sql`. */
  macroSql?: string;
}

export interface DocBlock {
  name: string;
  packageName: string;
  contents: string;
  originalFilePath: string;
}
