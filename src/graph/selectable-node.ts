/** What node selection needs to know about a node, source, exposure or unit test. */
export interface SelectableNode {
  /** 'model.streamflix.stg_users', 'test.streamflix.unique_x.abc123', 'source.streamflix.raw.users' */
  uniqueId: string;
  /** 'stg_users'; for sources the table name; for tests the test name. */
  name: string;
  resourceType: SelectableResourceType;
  packageName: string;
  /** ['streamflix', 'staging', 'stg_users'] */
  fqn: string[];
  /** Relative to the project root, '/' separators: 'models/staging/stg_users.sql'. */
  originalFilePath: string;
  /** The YAML file that declared this node's properties, relative to the project root. */
  patchPath?: string;
  tags: string[];
  /** Effective config: materialized, enabled, severity, group, access, ... */
  config: Record<string, unknown>;
  /** Sources: the source's name ('raw' in source('raw', 'users')). */
  sourceName?: string;
  testType?: 'generic' | 'singular' | 'unit';
  /** Generic tests: the test macro's name, 'unique' or 'dbt_utils.expression_is_true'. */
  testName?: string;
  /** Tests: the unique ids the test depends on; the node's parents in the DAG when absent. */
  attachedNodes?: string[];
  /**
   * Comparison with a previous manifest (`--state`). Set it, possibly to `{}`, on every node when
   * a previous manifest was loaded; `state:` selectors refuse to run when no node has it.
   * `modified` must be true for new nodes too, as in dbt. Keys like 'modified.body' answer
   * `state:modified.body`.
   */
  state?: { modified?: boolean; new?: boolean; [check: string]: boolean | undefined };
  /** Model versions: this node's version and its model's latest. */
  version?: string | number;
  latestVersion?: string | number;
  /** Status in the previous run_results.json ('success', 'error', 'fail', 'warn', 'skipped', 'pass'). */
  result?: string;
}

export type SelectableResourceType = 'model' | 'seed' | 'test' | 'analysis' | 'snapshot' | 'source' | 'unit_test' | 'exposure';

export const SELECTABLE_RESOURCE_TYPES: readonly SelectableResourceType[] = [
  'model',
  'seed',
  'test',
  'analysis',
  'snapshot',
  'source',
  'unit_test',
  'exposure',
];

/** Nodes dbt keeps in `manifest.nodes`: everything but sources, exposures and unit tests. */
export function isManifestNode(node: SelectableNode): boolean {
  return node.resourceType !== 'source' && node.resourceType !== 'exposure' && node.resourceType !== 'unit_test';
}

/** Nodes that are selected along with the nodes they test (indirect selection). */
export function isTestLike(node: SelectableNode): boolean {
  return node.resourceType === 'test' || node.resourceType === 'unit_test';
}
