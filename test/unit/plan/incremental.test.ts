import { duckdbDialect } from '../../../src/adapters/duckdb/dialect';
import { ProjectError } from '../../../src/errors';
import { incrementalStatements, incrementalStrategy } from '../../../src/plan/incremental';
import { buildMethod } from '../../../src/plan/materialize';
import { expectGolden } from './golden';

const node = { name: 'orders', file: 'models/orders.sql' };
const target = { database: 'db', schema: 'main', identifier: 'orders' };
const staging = { ...target, identifier: 'orders__dbt_tmp' };
const targetColumns = [
  { name: 'id', dataType: 'INTEGER' },
  { name: 'amount', dataType: 'DOUBLE' },
  { name: 'legacy', dataType: 'VARCHAR' },
];
const newColumns = [
  { name: 'id', dataType: 'INTEGER' },
  { name: 'amount', dataType: 'DOUBLE' },
  { name: 'status', dataType: 'VARCHAR' },
];

const plan = (config: Record<string, unknown>) => incrementalStatements(duckdbDialect, target, staging, { node, config, targetColumns, newColumns });

describe('incremental plan', () => {
  it.each([
    ['append', {}],
    ['delete-insert', { unique_key: 'id' }],
    ['merge-composite-key', { incremental_strategy: 'merge', unique_key: ['id', 'amount'] }],
    ['append-new-columns', { on_schema_change: 'append_new_columns' }],
    ['sync-all-columns', { unique_key: 'id', on_schema_change: 'sync_all_columns' }],
  ])('%s', (name, config) => expectGolden(`incremental-${name}`, plan(config)));

  it("refuses a schema change under on_schema_change 'fail', naming both sides", () => {
    expect(() => plan({ on_schema_change: 'fail' })).toThrow(
      "the columns of incremental model 'orders' changed (added: status; removed: legacy) and on_schema_change is 'fail'",
    );
  });

  it("accepts unchanged columns under on_schema_change 'fail'", () => {
    const same = incrementalStatements(duckdbDialect, target, staging, {
      node,
      config: { on_schema_change: 'fail' },
      targetColumns,
      newColumns: targetColumns,
    });
    expect(same).toHaveLength(2);
  });

  it('refuses an unknown strategy and a keyed strategy without key, naming the file', () => {
    expect(() => incrementalStrategy({ incremental_strategy: 'upsert' }, node)).toThrow(ProjectError);
    expect(() => incrementalStrategy({ incremental_strategy: 'upsert' }, node)).toThrow("unknown incremental_strategy 'upsert'");
    const error = (() => {
      try {
        incrementalStrategy({ incremental_strategy: 'merge' }, node);
      } catch (e) {
        return e as ProjectError;
      }
    })();
    expect(error?.message).toBe("incremental_strategy 'merge' needs a unique_key");
    expect(error?.location?.file).toBe('models/orders.sql');
  });

  it('defaults to delete+insert with a key, append without', () => {
    expect(incrementalStrategy({ unique_key: 'id' }, node)).toEqual({ strategy: 'delete+insert', uniqueKey: ['id'] });
    expect(incrementalStrategy({ unique_key: '' }, node)).toEqual({ strategy: 'append', uniqueKey: [] });
  });
});

describe('build method', () => {
  it.each([
    [{ materialized: 'ephemeral' }, null, false, { kind: 'none' }],
    [{}, 'view', false, { kind: 'replace', relationType: 'view' }],
    [{ materialized: 'table' }, 'view', false, { kind: 'replace', relationType: 'table' }],
    [{ materialized: 'incremental' }, null, false, { kind: 'replace', relationType: 'table' }],
    [{ materialized: 'incremental' }, 'view', false, { kind: 'replace', relationType: 'table' }],
    [{ materialized: 'incremental' }, 'table', false, { kind: 'incremental' }],
    [{ materialized: 'incremental' }, 'table', true, { kind: 'replace', relationType: 'table' }],
    [{ materialized: 'incremental', full_refresh: false }, 'table', true, { kind: 'incremental' }],
    [{ materialized: 'incremental', full_refresh: true }, 'table', false, { kind: 'replace', relationType: 'table' }],
  ] as const)('%j over %s (--full-refresh %s) -> %j', (config, existing, flag, expected) => {
    expect(buildMethod(config, existing, flag, node)).toEqual(expected);
  });

  it('refuses an unknown materialization', () => {
    expect(() => buildMethod({ materialized: 'materialized_view' }, null, false, node)).toThrow("no materialization 'materialized_view' was found");
  });
});
