import { extractBlocks } from '../../../src/jinja/blocks';
import { chooseMaterialization, returnedRelations, type MacroCandidate } from '../../../src/plan/materialization';

const query = (materialization: string, adapterType = 'duckdb') => ({ materialization, adapterType, rootProject: 'shop' });
const macro = (packageName: string, name: string): MacroCandidate => ({ packageName, name });

describe('which materialization block builds a node', () => {
  test("the adapter's block before the default one, wherever each is defined", () => {
    const macros = [
      macro('shop', 'materialization_stamped_default'),
      macro('pkg', 'materialization_stamped_duckdb'),
      macro('pkg', 'materialization_stamped_postgres'),
    ];
    expect(chooseMaterialization(macros, query('stamped')).macro).toEqual(macro('pkg', 'materialization_stamped_duckdb'));
    expect(chooseMaterialization(macros, query('stamped', 'postgres')).macro).toEqual(macro('pkg', 'materialization_stamped_postgres'));
    expect(chooseMaterialization(macros, query('stamped', 'snowflake')).macro).toEqual(macro('shop', 'materialization_stamped_default'));
  });

  test('between blocks of the same specificity, the root project over a package', () => {
    const macros = [macro('pkg', 'materialization_m_default'), macro('shop', 'materialization_m_default'), macro('other', 'materialization_m_default')];
    expect(chooseMaterialization(macros, query('m')).macro).toEqual(macro('shop', 'materialization_m_default'));
    expect(chooseMaterialization(macros.slice(0, 1), query('m')).macro).toEqual(macro('pkg', 'materialization_m_default'));
  });

  test('a name no block defines has none; other materializations and macros do not count', () => {
    const macros = [macro('shop', 'materialization_other_default'), macro('shop', 'mine_default'), macro('shop', 'materialization_mine_default_x')];
    expect(chooseMaterialization(macros, query('mine'))).toEqual({ macro: undefined, ignored: [] });
  });

  test("only the root project replaces a built-in model materialization; a package's block is ignored and named", () => {
    const pkgTable = macro('pkg', 'materialization_table_default');
    expect(chooseMaterialization([pkgTable], query('table'))).toEqual({ macro: undefined, ignored: [pkgTable] });
    const rootTable = macro('shop', 'materialization_table_duckdb');
    expect(chooseMaterialization([pkgTable, rootTable], query('table'))).toEqual({ macro: rootTable, ignored: [pkgTable] });
    expect(chooseMaterialization([macro('shop', 'materialization_view_default')], query('view')).macro).toEqual(macro('shop', 'materialization_view_default'));
  });

  test("the dbt package's blocks are tsdbt's built-ins in Jinja: never chosen, never reported as ignored", () => {
    const core = [macro('dbt', 'materialization_table_default'), macro('dbt', 'materialization_view_default')];
    expect(chooseMaterialization(core, query('table'))).toEqual({ macro: undefined, ignored: [] });
    expect(chooseMaterialization(core, query('view'))).toEqual({ macro: undefined, ignored: [] });
  });

  test('seeds, snapshots and tests keep their built-in materialization even when the root project defines one', () => {
    const rootSeed = macro('shop', 'materialization_seed_default');
    expect(chooseMaterialization([rootSeed], query('seed'))).toEqual({ macro: undefined, ignored: [rootSeed] });
    expect(chooseMaterialization([macro('shop', 'materialization_test_default')], query('test')).macro).toBeUndefined();
  });
});

describe("a materialization's return value", () => {
  class Rel {}
  const isRel = (item: unknown): item is Rel => item instanceof Rel;

  test("{'relations': [...]} lists the relations built", () => {
    const built = [new Rel(), new Rel()];
    expect(returnedRelations({ relations: built }, isRel)).toEqual({ relations: built });
    expect(returnedRelations({ relations: [] }, isRel)).toEqual({ relations: [] });
  });

  test('anything else is refused, saying what came back', () => {
    expect(returnedRelations('\n  create table x\n', isRel)).toEqual({ problem: 'it did not return the relations it built' });
    expect(returnedRelations(new String('rendered text'), isRel)).toEqual({ problem: 'it did not return the relations it built' });
    expect(returnedRelations(null, isRel)).toEqual({ problem: 'it returned none' });
    expect(returnedRelations(new Rel(), isRel)).toEqual({ problem: 'it returned a relation, not a mapping of "relations"' });
    expect(returnedRelations({ relation: [] }, isRel)).toEqual({ problem: 'its return value has no "relations" (keys: relation)' });
    expect(returnedRelations({ relations: new Rel() }, isRel)).toEqual({ problem: 'its "relations" is a mapping, not a list' });
    expect(returnedRelations({ relations: [new Rel(), 'x'] }, isRel)).toEqual({ problem: `its "relations" holds the text 'x', which is not a relation` });
  });
});

describe('{% materialization %} blocks', () => {
  const opening = (tag: string) => extractBlocks(`${tag}\nbody\n{% endmaterialization %}`).template.split('\n')[0];

  test('become macros named by materialization and adapter, whatever else the tag says', () => {
    expect(opening('{% materialization my_mat, default %}')).toBe('{% macro materialization_my_mat_default() %}');
    expect(opening("{% materialization my_mat, adapter='duckdb' %}")).toBe('{% macro materialization_my_mat_duckdb() %}');
    expect(opening("{%- materialization my_mat, adapter=\"postgres\", supported_languages=['sql', 'python'] -%}")).toBe(
      '{%- macro materialization_my_mat_postgres() -%}',
    );
    expect(opening("{% materialization my_mat, supported_languages=['sql'], adapter='duckdb' %}")).toBe('{% macro materialization_my_mat_duckdb() %}');
    expect(opening("{% materialization my_mat, default, supported_languages=['sql'] %}")).toBe('{% macro materialization_my_mat_default() %}');
    expect(extractBlocks('{% materialization m, default %}\nx\n{%- endmaterialization %}').template).toBe(
      '{% macro materialization_m_default() %}\nx\n{%- endmacro %}',
    );
  });
});
