import { duckdbDialect } from '../../../src/adapters/duckdb/dialect';
import { SnapshotPlan, snapshotSpec, snapshotTimestamp } from '../../../src/plan/snapshot';
import { expectGolden } from './golden';

const target = { database: 'db', schema: 'snapshots', identifier: 'customers_snapshot' };
const staging = { ...target, identifier: 'customers_snapshot__dbt_tmp' };
const at = snapshotTimestamp(new Date('2026-01-02T03:04:05.678Z'));
const source = [
  { name: 'id', dataType: 'INTEGER' },
  { name: 'email', dataType: 'VARCHAR' },
  { name: 'updated_at', dataType: 'TIMESTAMP' },
];
const snapshotColumns = ['id', 'email', 'updated_at', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'];

const plan = (config: Record<string, unknown>) => new SnapshotPlan(duckdbDialect, snapshotSpec(config), target, staging, at);
const timestamp = { unique_key: 'id', strategy: 'timestamp', updated_at: 'updated_at' };

describe('snapshot plan', () => {
  it('stages the query with the run time', () => {
    expect(at).toBe("cast('2026-01-02 03:04:05.678' as timestamp)");
    expectGolden('snapshot-prepare-check', plan({ unique_key: 'id', strategy: 'check', check_cols: 'all' }).prepare('select * from customers'));
    expectGolden('snapshot-prepare-timestamp', plan(timestamp).prepare('select * from customers'));
  });

  it.each([
    ['first-run', timestamp, null],
    ['timestamp', timestamp, snapshotColumns],
    ['check-columns', { unique_key: ['id'], strategy: 'check', check_cols: ['email'] }, snapshotColumns],
    ['check-all-new-column', { unique_key: 'id', strategy: 'check', check_cols: 'all' }, snapshotColumns.filter((c) => c !== 'email')],
    ['hard-deletes-invalidate', { ...timestamp, invalidate_hard_deletes: true }, snapshotColumns],
    [
      'hard-deletes-new-record',
      { ...timestamp, hard_deletes: 'new_record', dbt_valid_to_current: "'9999-12-31'::timestamp" },
      [...snapshotColumns, 'dbt_is_deleted'],
    ],
    ['meta-column-names', { ...timestamp, snapshot_meta_column_names: { dbt_valid_from: 'valid_from', dbt_valid_to: 'valid_to' } }, null],
  ])('%s', (name, config, targetColumns) => {
    expectGolden(`snapshot-${name}`, plan(config).apply(source, targetColumns));
  });
});
