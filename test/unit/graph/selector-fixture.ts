import { Dag } from '../../../src/graph/dag';
import type { SelectableNode } from '../../../src/graph/selector';

/**
 * A small project:
 *
 *   raw.users ─► stg_users ─► dim_users ─► fct_events ─► dashboard (exposure)
 *   raw.events ► stg_events ──────────────┘    ▲
 *   countries (seed) ─────────► dim_users ─────┘
 *   util_model (package dbt_utils)
 *
 * plus tests hanging off them.
 */
export const ids = {
  rawUsers: 'source.sf.raw.users',
  rawEvents: 'source.sf.raw.events',
  countries: 'seed.sf.countries',
  stgUsers: 'model.sf.stg_users',
  stgEvents: 'model.sf.stg_events',
  dimUsers: 'model.sf.dim_users',
  fctEvents: 'model.sf.fct_events',
  utilModel: 'model.dbt_utils.util_model',
  dashboard: 'exposure.sf.dashboard',
  uniqueStgUsers: 'test.sf.unique_stg_users_id.a1',
  notNullDimUsers: 'test.sf.not_null_dim_users_id.b2',
  relationships: 'test.sf.relationships_fct_events_user_id.c3',
  expressionTrue: 'test.sf.dbt_utils_expression_is_true_fct_events.d4',
  assertPositive: 'test.sf.assert_positive',
  sourceNotNull: 'test.sf.source_not_null_raw_users_id.e5',
  unitDimUsers: 'unit_test.sf.dim_users.test_dim_users_logic',
};

type NodeFields = Omit<SelectableNode, 'tags' | 'config' | 'packageName'> & Partial<Pick<SelectableNode, 'tags' | 'config' | 'packageName'>>;

function node(fields: NodeFields): SelectableNode {
  return { packageName: 'sf', tags: [], config: {}, ...fields };
}

export function buildProject(): { nodes: Map<string, SelectableNode>; dag: Dag } {
  const list: SelectableNode[] = [
    node({
      uniqueId: ids.rawUsers,
      name: 'users',
      resourceType: 'source',
      sourceName: 'raw',
      fqn: ['sf', 'staging', 'raw', 'users'],
      originalFilePath: 'models/staging/sources.yml',
    }),
    node({
      uniqueId: ids.rawEvents,
      name: 'events',
      resourceType: 'source',
      sourceName: 'raw',
      fqn: ['sf', 'staging', 'raw', 'events'],
      originalFilePath: 'models/staging/sources.yml',
    }),
    node({
      uniqueId: ids.countries,
      name: 'countries',
      resourceType: 'seed',
      fqn: ['sf', 'countries'],
      originalFilePath: 'seeds/countries.csv',
      config: { materialized: 'seed' },
    }),
    node({
      uniqueId: ids.stgUsers,
      name: 'stg_users',
      resourceType: 'model',
      fqn: ['sf', 'staging', 'stg_users'],
      originalFilePath: 'models/staging/stg_users.sql',
      patchPath: 'models/staging/schema.yml',
      tags: ['staging'],
      config: { materialized: 'view', tags: ['staging'], meta: { owner: 'ana' } },
    }),
    node({
      uniqueId: ids.stgEvents,
      name: 'stg_events',
      resourceType: 'model',
      fqn: ['sf', 'staging', 'stg_events'],
      originalFilePath: 'models/staging/stg_events.sql',
      tags: ['staging', 'nightly'],
      config: { materialized: 'view', tags: ['staging', 'nightly'], enabled: true },
    }),
    node({
      uniqueId: ids.dimUsers,
      name: 'dim_users',
      resourceType: 'model',
      fqn: ['sf', 'marts', 'dim_users'],
      originalFilePath: 'models/marts/dim_users.sql',
      config: { materialized: 'table', access: 'public', group: 'finance' },
    }),
    node({
      uniqueId: ids.fctEvents,
      name: 'fct_events',
      resourceType: 'model',
      fqn: ['sf', 'marts', 'fct_events'],
      originalFilePath: 'models/marts/fct_events.sql',
      config: { materialized: 'incremental' },
    }),
    node({
      uniqueId: ids.utilModel,
      name: 'util_model',
      packageName: 'dbt_utils',
      resourceType: 'model',
      fqn: ['dbt_utils', 'util_model'],
      originalFilePath: 'models/util_model.sql',
      config: { materialized: 'view' },
    }),
    node({
      uniqueId: ids.dashboard,
      name: 'dashboard',
      resourceType: 'exposure',
      fqn: ['sf', 'dashboard'],
      originalFilePath: 'models/marts/exposures.yml',
    }),
    genericTest(ids.uniqueStgUsers, 'unique', [ids.stgUsers], 'models/staging/schema.yml', 'staging'),
    genericTest(ids.notNullDimUsers, 'not_null', [ids.dimUsers], 'models/marts/schema.yml', 'marts', 'WARN'),
    genericTest(ids.relationships, 'relationships', [ids.fctEvents, ids.dimUsers], 'models/marts/schema.yml', 'marts'),
    genericTest(ids.expressionTrue, 'dbt_utils.expression_is_true', [ids.fctEvents], 'models/marts/schema.yml', 'marts'),
    genericTest(ids.sourceNotNull, 'not_null', [ids.rawUsers], 'models/staging/sources.yml', 'staging'),
    node({
      uniqueId: ids.assertPositive,
      name: 'assert_positive',
      resourceType: 'test',
      testType: 'singular',
      fqn: ['sf', 'assert_positive'],
      originalFilePath: 'tests/assert_positive.sql',
      attachedNodes: [ids.fctEvents],
      config: { severity: 'error' },
    }),
    node({
      uniqueId: ids.unitDimUsers,
      name: 'test_dim_users_logic',
      resourceType: 'unit_test',
      testType: 'unit',
      fqn: ['sf', 'marts', 'dim_users', 'test_dim_users_logic'],
      originalFilePath: 'models/marts/unit_tests.yml',
      attachedNodes: [ids.dimUsers],
    }),
  ];
  const nodes = new Map(list.map((n) => [n.uniqueId, n]));
  const dag = new Dag();
  for (const n of list) dag.addNode(n.uniqueId);
  const edges: [string, string][] = [
    [ids.rawUsers, ids.stgUsers],
    [ids.rawEvents, ids.stgEvents],
    [ids.stgUsers, ids.dimUsers],
    [ids.countries, ids.dimUsers],
    [ids.stgEvents, ids.fctEvents],
    [ids.dimUsers, ids.fctEvents],
    [ids.fctEvents, ids.dashboard],
    [ids.dimUsers, ids.unitDimUsers],
  ];
  for (const [from, to] of edges) dag.addEdge(from, to);
  for (const n of list) for (const parent of n.attachedNodes ?? []) dag.addEdge(parent, n.uniqueId);
  return { nodes, dag };
}

function genericTest(
  uniqueId: string,
  testName: string,
  attachedNodes: string[],
  originalFilePath: string,
  folder: string,
  severity = 'ERROR',
): SelectableNode {
  const name = uniqueId.split('.')[2];
  return node({
    uniqueId,
    name,
    resourceType: 'test',
    testType: 'generic',
    testName,
    fqn: ['sf', folder, name],
    originalFilePath,
    attachedNodes,
    config: { severity },
  });
}
