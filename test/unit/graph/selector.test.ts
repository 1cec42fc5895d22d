import { Dag } from '../../../src/graph/dag';
import { describeSelector, resolveSelection, selectNodes, SelectorSyntaxError, type SelectableNode, type SelectionInput } from '../../../src/graph/selector';
import { buildProject, ids } from './selector-fixture';

type Key = keyof typeof ids;
const keyOf = new Map(Object.entries(ids).map(([key, id]) => [id, key as Key]));

/** Selected nodes as fixture keys, sorted, so expectations read like the graph picture. */
function pick(select: string[] | string | undefined, options: Omit<SelectionInput, 'select'> = {}, projectRoot?: string): Key[] {
  const { nodes, dag } = buildProject();
  const input = { ...options, select: typeof select === 'string' ? [select] : select };
  return [...selectNodes(nodes, dag, input, projectRoot)].map((id) => keyOf.get(id) as Key).sort();
}

/** The same, without tests joining the nodes they test: isolates methods and graph operators. */
const only = (select: string[] | string, projectRoot?: string): Key[] => pick(select, { indirectSelection: 'empty' }, projectRoot);

const keys = (...list: Key[]): Key[] => [...list].sort();
const allKeys = Object.keys(ids) as Key[];
const allBut = (...excluded: Key[]): Key[] => keys(...allKeys.filter((key) => !excluded.includes(key)));

describe('selectNodes: defaults and names', () => {
  test('no --select selects every node', () => {
    expect(pick(undefined)).toEqual(keys(...allKeys));
    expect(pick([])).toEqual(keys(...allKeys));
  });

  test('a bare name selects the node and, eagerly, its tests', () => {
    expect(pick('stg_users')).toEqual(keys('stgUsers', 'uniqueStgUsers'));
  });

  test('a bare name may be an fqn prefix, with or without the package', () => {
    expect(pick('staging')).toEqual(keys('stgUsers', 'stgEvents', 'uniqueStgUsers', 'sourceNotNull'));
    expect(only('sf.staging.stg_users')).toEqual(keys('stgUsers'));
    expect(only('dbt_utils.util_model')).toEqual(keys('utilModel'));
    // A unit test's fqn runs through its model's name.
    expect(only('marts.dim_users')).toEqual(keys('dimUsers', 'unitDimUsers'));
  });

  test('fqn wildcards', () => {
    expect(only('staging.stg_*')).toEqual(keys('stgUsers', 'stgEvents'));
    expect(only('fqn:sf.marts.*_users')).toEqual(keys('dimUsers'));
  });

  test('* selects every node but sources and exposures', () => {
    expect(only('*')).toEqual(allBut('rawUsers', 'rawEvents', 'dashboard'));
  });
});

describe('selectNodes: graph operators', () => {
  test('+x adds all ancestors', () => {
    expect(only('+dim_users')).toEqual(keys('dimUsers', 'stgUsers', 'rawUsers', 'countries'));
  });

  test('n+x limits ancestors to n generations', () => {
    expect(only('1+fct_events')).toEqual(keys('fctEvents', 'stgEvents', 'dimUsers'));
    expect(only('2+fct_events')).toEqual(keys('fctEvents', 'stgEvents', 'dimUsers', 'rawEvents', 'stgUsers', 'countries'));
  });

  test('x+ adds all descendants, tests included', () => {
    expect(only('dim_users+')).toEqual(
      keys('dimUsers', 'fctEvents', 'dashboard', 'unitDimUsers', 'notNullDimUsers', 'relationships', 'expressionTrue', 'assertPositive'),
    );
  });

  test('x+n limits descendants to n generations', () => {
    expect(only('stg_events+1')).toEqual(keys('stgEvents', 'fctEvents'));
  });

  test('+x+ adds both', () => {
    expect(only('+stg_events+')).toEqual(keys('rawEvents', 'stgEvents', 'fctEvents', 'dashboard', 'relationships', 'expressionTrue', 'assertPositive'));
  });

  test('@x adds descendants and the ancestors of those descendants', () => {
    expect(only('@stg_events')).toEqual(
      keys(
        'stgEvents',
        'fctEvents',
        'dashboard',
        'relationships',
        'expressionTrue',
        'assertPositive',
        'rawEvents',
        'dimUsers',
        'stgUsers',
        'rawUsers',
        'countries',
      ),
    );
  });
});

describe('selectNodes: methods', () => {
  test('path: folders with or without a trailing slash, files, globs', () => {
    const staging = keys('rawUsers', 'rawEvents', 'stgUsers', 'stgEvents', 'uniqueStgUsers', 'sourceNotNull');
    expect(only('path:models/staging')).toEqual(staging);
    expect(only('path:models/staging/')).toEqual(staging);
    expect(only('path:./models/staging/')).toEqual(staging);
    expect(only('models/staging')).toEqual(staging);
    expect(only('path:models/staging/stg_*.sql')).toEqual(keys('stgUsers', 'stgEvents'));
    expect(only('path:models/**/dim_*.sql')).toEqual(keys('dimUsers'));
    expect(only('path:models/mar')).toEqual([]);
  });

  test('path: a YAML file selects what it defines and the nodes it describes', () => {
    expect(only('path:models/staging/schema.yml')).toEqual(keys('uniqueStgUsers', 'stgUsers'));
  });

  test('path: an absolute path inside the project root', () => {
    const marts = keys('dimUsers', 'fctEvents', 'dashboard', 'notNullDimUsers', 'relationships', 'expressionTrue', 'unitDimUsers');
    expect(only('path:/proj/models/marts', '/proj')).toEqual(marts);
    expect(only('path:models/marts')).toEqual(marts);
  });

  test('file: by file name, with or without extension; bare names ending in .sql', () => {
    expect(only('file:stg_users.sql')).toEqual(keys('stgUsers'));
    expect(only('file:stg_users')).toEqual(keys('stgUsers'));
    expect(only('stg_users.sql')).toEqual(keys('stgUsers'));
    expect(only('file:schema.yml')).toEqual(keys('uniqueStgUsers', 'notNullDimUsers', 'relationships', 'expressionTrue'));
  });

  test('tag:, with wildcards', () => {
    expect(only('tag:nightly')).toEqual(keys('stgEvents'));
    expect(only('tag:stag*')).toEqual(keys('stgUsers', 'stgEvents'));
  });

  test('config.<key>: values, lists, nested keys, booleans, case-insensitive severity', () => {
    expect(only('config.materialized:table')).toEqual(keys('dimUsers'));
    expect(only('config.tags:nightly')).toEqual(keys('stgEvents'));
    expect(only('config.meta.owner:ana')).toEqual(keys('stgUsers'));
    expect(only('config.enabled:True')).toEqual(keys('stgEvents'));
    expect(only('config.severity:warn')).toEqual(keys('notNullDimUsers'));
    expect(only('config.materialized:TABLE')).toEqual([]);
  });

  test('resource_type:', () => {
    expect(only('resource_type:seed')).toEqual(keys('countries'));
    expect(only('resource_type:source')).toEqual(keys('rawUsers', 'rawEvents'));
    expect(() => only('resource_type:modle')).toThrow(/resource_type:modle.*model, seed/);
  });

  test('source: by source, source.table, package.source.table, with graph operators', () => {
    expect(only('source:raw')).toEqual(keys('rawUsers', 'rawEvents'));
    expect(only('source:raw.users')).toEqual(keys('rawUsers'));
    expect(only('source:sf.raw.users')).toEqual(keys('rawUsers'));
    expect(only('source:raw.ev*')).toEqual(keys('rawEvents'));
    expect(only('source:raw.users+')).toEqual(
      keys(
        'rawUsers',
        'sourceNotNull',
        'stgUsers',
        'uniqueStgUsers',
        'dimUsers',
        'notNullDimUsers',
        'unitDimUsers',
        'fctEvents',
        'relationships',
        'expressionTrue',
        'assertPositive',
        'dashboard',
      ),
    );
    expect(() => only('source:a.b.c.d')).toThrow(SelectorSyntaxError);
  });

  test('test_type: generic, singular, data, unit', () => {
    const generic = keys('uniqueStgUsers', 'notNullDimUsers', 'relationships', 'expressionTrue', 'sourceNotNull');
    expect(only('test_type:generic')).toEqual(generic);
    expect(only('test_type:schema')).toEqual(generic);
    expect(only('test_type:singular')).toEqual(keys('assertPositive'));
    expect(only('test_type:data')).toEqual(keys(...generic, 'assertPositive'));
    expect(only('test_type:unit')).toEqual(keys('unitDimUsers'));
    expect(() => only('test_type:integration')).toThrow(/expected one of generic, singular, unit/);
  });

  test('test_name:, with or without the package namespace', () => {
    expect(only('test_name:unique')).toEqual(keys('uniqueStgUsers'));
    expect(only('test_name:not_*')).toEqual(keys('notNullDimUsers', 'sourceNotNull'));
    expect(only('test_name:expression_is_true')).toEqual(keys('expressionTrue'));
    expect(only('test_name:dbt_utils.expression_is_true')).toEqual(keys('expressionTrue'));
  });

  test('package:', () => {
    expect(only('package:dbt_utils')).toEqual(keys('utilModel'));
    expect(only('package:sf')).toEqual(allBut('utilModel'));
  });

  test('exposure:, unit_test:, group:, access:', () => {
    expect(only('exposure:dashboard')).toEqual(keys('dashboard'));
    expect(only('exposure:sf.dashboard')).toEqual(keys('dashboard'));
    expect(only('unit_test:test_dim_users_logic')).toEqual(keys('unitDimUsers'));
    expect(only('unit_test:sf.test_dim_users_logic')).toEqual(keys('unitDimUsers'));
    expect(only('group:finance')).toEqual(keys('dimUsers'));
    expect(only('access:public')).toEqual(keys('dimUsers'));
    expect(only('access:protected')).toEqual(keys('stgUsers', 'stgEvents', 'fctEvents', 'utilModel'));
  });

  test('state: reads node.state, and asks for --state when no node has any', () => {
    const { nodes, dag } = buildProject();
    expect(() => selectNodes(nodes, dag, { select: ['state:modified'] })).toThrow(/--state/);
    for (const node of nodes.values()) node.state = {};
    nodes.get(ids.stgEvents)!.state = { modified: true, 'modified.body': true };
    nodes.get(ids.utilModel)!.state = { modified: true, new: true };
    const select = (selector: string): Key[] =>
      [...selectNodes(nodes, dag, { select: [selector], indirectSelection: 'empty' })].map((id) => keyOf.get(id)!).sort();
    expect(select('state:modified')).toEqual(keys('stgEvents', 'utilModel'));
    expect(select('state:modified.body')).toEqual(keys('stgEvents'));
    expect(select('state:new')).toEqual(keys('utilModel'));
    expect(select('state:modified+')).toEqual(keys('stgEvents', 'utilModel', 'fctEvents', 'dashboard', 'relationships', 'expressionTrue', 'assertPositive'));
    expect(select('state:old')).toEqual(allBut('utilModel'));
    expect(() => select('state:changed')).toThrow(/state:changed.*new, old, modified/);
  });

  test('result: reads node.result', () => {
    const { nodes, dag } = buildProject();
    expect(() => selectNodes(nodes, dag, { select: ['result:error'] })).toThrow(/run_results/);
    for (const node of nodes.values()) node.result = 'success';
    nodes.get(ids.dimUsers)!.result = 'error';
    nodes.get(ids.notNullDimUsers)!.result = 'fail';
    const selected = selectNodes(nodes, dag, { select: ['result:error+', 'result:fail'], indirectSelection: 'empty' });
    expect([...selected].map((id) => keyOf.get(id)).sort()).toEqual(
      keys('dimUsers', 'fctEvents', 'dashboard', 'unitDimUsers', 'notNullDimUsers', 'relationships', 'expressionTrue', 'assertPositive'),
    );
  });
});

describe('selectNodes: set operators', () => {
  test('space-separated selectors are a union, as tokens or one string', () => {
    expect(only(['stg_users', 'countries'])).toEqual(keys('stgUsers', 'countries'));
    expect(only('stg_users  countries')).toEqual(keys('stgUsers', 'countries'));
  });

  test('commas intersect', () => {
    expect(only('tag:staging,config.materialized:view')).toEqual(keys('stgUsers', 'stgEvents'));
    expect(only('+fct_events,resource_type:model')).toEqual(keys('fctEvents', 'stgEvents', 'dimUsers', 'stgUsers'));
    expect(only('tag:nightly,stg_users')).toEqual([]);
  });

  test('--exclude removes matches and, greedily, their tests', () => {
    expect(pick('+fct_events', { exclude: ['stg_users'] })).toEqual(
      keys(
        'fctEvents',
        'stgEvents',
        'dimUsers',
        'rawEvents',
        'rawUsers',
        'countries',
        'sourceNotNull',
        'notNullDimUsers',
        'relationships',
        'unitDimUsers',
        'expressionTrue',
        'assertPositive',
      ),
    );
  });

  test('--exclude takes graph operators', () => {
    expect(pick(undefined, { exclude: ['dim_users+'] })).toEqual(
      keys('rawUsers', 'rawEvents', 'countries', 'stgUsers', 'stgEvents', 'utilModel', 'uniqueStgUsers', 'sourceNotNull'),
    );
  });
});

describe('selectNodes: indirect selection of tests', () => {
  test('eager (default): a test comes when any node it tests is selected', () => {
    expect(pick('fct_events')).toEqual(keys('fctEvents', 'relationships', 'expressionTrue', 'assertPositive'));
  });

  test('cautious: only when every node it tests is selected, even across union terms', () => {
    expect(pick('fct_events', { indirectSelection: 'cautious' })).toEqual(keys('fctEvents', 'expressionTrue', 'assertPositive'));
    expect(pick('fct_events dim_users', { indirectSelection: 'cautious' })).toEqual(
      keys('fctEvents', 'dimUsers', 'relationships', 'expressionTrue', 'assertPositive', 'notNullDimUsers', 'unitDimUsers'),
    );
  });

  test('buildable: also when the other tested nodes are upstream of the selection', () => {
    expect(pick('fct_events', { indirectSelection: 'buildable' })).toEqual(keys('fctEvents', 'relationships', 'expressionTrue', 'assertPositive'));
    expect(pick('dim_users', { indirectSelection: 'buildable' })).toEqual(keys('dimUsers', 'notNullDimUsers', 'unitDimUsers'));
  });

  test('empty: tests come only when selected themselves', () => {
    expect(pick('fct_events', { indirectSelection: 'empty' })).toEqual(keys('fctEvents'));
    expect(pick('test_type:singular', { indirectSelection: 'empty' })).toEqual(keys('assertPositive'));
  });

  test('exclusion stays greedy in cautious mode', () => {
    expect(pick('fct_events dim_users', { indirectSelection: 'cautious', exclude: ['dim_users'] })).toEqual(
      keys('fctEvents', 'expressionTrue', 'assertPositive'),
    );
  });
});

describe('selectNodes: errors and warnings', () => {
  test('an unknown method names the token and lists valid methods', () => {
    expect(() => pick('materialized:table')).toThrow(SelectorSyntaxError);
    expect(() => pick('materialized:table')).toThrow(/"materialized:table".*"materialized" is not a selection method.*fqn, tag,/);
  });

  test('malformed selectors', () => {
    expect(() => pick('@stg_users+')).toThrow(/"@" prefix and the "\+" suffix/);
    expect(() => pick('+')).toThrow(/nothing to select/);
    expect(() => pick('config:table')).toThrow(/config\.materialized:table/);
  });

  test('selectors matching nothing are reported', () => {
    const { nodes, dag } = buildProject();
    const result = resolveSelection(nodes, dag, { select: ['stg_users', 'nope', 'tag:nightly,stg_users'], exclude: ['ghost'] });
    expect(result.unmatched).toEqual(['nope', 'tag:nightly,stg_users', 'ghost']);
    expect(result.selected.has(ids.stgUsers)).toBe(true);
  });
});

describe('describeSelector', () => {
  test('prints what dbt ls --output selector prints', () => {
    const { nodes } = buildProject();
    expect(describeSelector(nodes.get(ids.stgUsers)!)).toBe('sf.staging.stg_users');
    expect(describeSelector(nodes.get(ids.rawUsers)!)).toBe('source:sf.raw.users');
    expect(describeSelector(nodes.get(ids.dashboard)!)).toBe('exposure:sf.dashboard');
    expect(describeSelector(nodes.get(ids.unitDimUsers)!)).toBe('unit_test:sf.test_dim_users_logic');
  });

  test('every printed selector selects its node', () => {
    const { nodes } = buildProject();
    for (const [id, node] of nodes) {
      expect(only(describeSelector(node))).toContain(keyOf.get(id));
    }
  });
});

describe('selectNodes at scale', () => {
  test('50,000 models in a chain of layers', () => {
    const nodes = new Map<string, SelectableNode>();
    const dag = new Dag();
    const layerSize = 1_000;
    for (let i = 0; i < 50_000; i++) {
      const uniqueId = `model.big.m${i}`;
      nodes.set(uniqueId, {
        uniqueId,
        name: `m${i}`,
        resourceType: 'model',
        packageName: 'big',
        fqn: ['big', `layer${Math.floor(i / layerSize)}`, `m${i}`],
        originalFilePath: `models/layer${Math.floor(i / layerSize)}/m${i}.sql`,
        tags: i % 2 === 0 ? ['even'] : [],
        config: {},
      });
      dag.addNode(uniqueId);
      // Each model reads the model at the same position in the previous layer, and its neighbour.
      if (i >= layerSize) {
        dag.addEdge(`model.big.m${i - layerSize}`, uniqueId);
        dag.addEdge(`model.big.m${i - layerSize + ((i + 1) % layerSize === 0 ? 0 : 1)}`, uniqueId);
      }
    }
    expect(selectNodes(nodes, dag, { select: ['layer3'] }).size).toBe(layerSize);
    const upstream = selectNodes(nodes, dag, { select: ['+m49999,tag:even'] });
    const expected = [...dag.ancestors('model.big.m49999')].filter((id) => nodes.get(id)!.tags.includes('even'));
    expect(upstream.size).toBe(expected.length);
    expect(selectNodes(nodes, dag, {}).size).toBe(50_000);
  });
});
