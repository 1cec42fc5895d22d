import type { ColumnInfo, Dialect, Relation } from '../adapters/adapter';

/** A snapshot's config, normalised. */
export interface SnapshotSpec {
  uniqueKey: string[];
  strategy: 'timestamp' | 'check';
  updatedAt?: string;
  /** 'all' or the columns whose change makes a new version. */
  checkCols: 'all' | string[];
  hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  /** SQL for dbt_valid_to of current rows (dbt_valid_to_current); NULL when unset. */
  validToCurrent?: string;
  names: SnapshotColumnNames;
}

export interface SnapshotColumnNames {
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_is_deleted: string;
}

export const DEFAULT_SNAPSHOT_COLUMNS: SnapshotColumnNames = {
  dbt_scd_id: 'dbt_scd_id',
  dbt_updated_at: 'dbt_updated_at',
  dbt_valid_from: 'dbt_valid_from',
  dbt_valid_to: 'dbt_valid_to',
  dbt_is_deleted: 'dbt_is_deleted',
};

export function snapshotSpec(config: Record<string, unknown>): SnapshotSpec {
  const key = config.unique_key;
  const hardDeletes = config.hard_deletes ?? (config.invalidate_hard_deletes === true ? 'invalidate' : 'ignore');
  const check = config.check_cols;
  return {
    uniqueKey: Array.isArray(key) ? key.map(String) : [String(key)],
    strategy: config.strategy === 'check' ? 'check' : 'timestamp',
    updatedAt: config.updated_at === undefined ? undefined : String(config.updated_at),
    checkCols: check === 'all' || check === undefined ? 'all' : (Array.isArray(check) ? check : [check]).map(String),
    hardDeletes: hardDeletes as SnapshotSpec['hardDeletes'],
    validToCurrent: config.dbt_valid_to_current === undefined || config.dbt_valid_to_current === null ? undefined : String(config.dbt_valid_to_current),
    names: { ...DEFAULT_SNAPSHOT_COLUMNS, ...((config.snapshot_meta_column_names as Partial<SnapshotColumnNames>) ?? {}) },
  };
}

/** The run's start as a SQL timestamp: every version a snapshot run writes carries the same time. */
export function snapshotTimestamp(runStarted: Date): string {
  return `cast('${runStarted.toISOString().replace('T', ' ').replace('Z', '')}' as timestamp)`;
}

/**
 * SCD type 2 as dbt's snapshot materialization builds it. The source query is first staged in `staging`
 * (with `__snapshot_updated_at`, the version's timestamp); these statements then close changed and deleted
 * rows and insert new versions. `sourceColumns` are the query's own columns.
 */
export class SnapshotPlan {
  private readonly q: (name: string) => string;

  constructor(
    private readonly dialect: Dialect,
    private readonly spec: SnapshotSpec,
    private readonly target: Relation,
    private readonly staging: Relation,
    private readonly snapshotTime: string,
  ) {
    this.q = (name) => dialect.quote(name);
  }

  /** First statements, before the staged columns are known: the schema, and the staging table built afresh. */
  prepare(sourceSql: string): string[] {
    return [this.dialect.createSchema(this.target.database, this.target.schema), this.dialect.drop(this.staging, 'table'), this.stage(sourceSql)];
  }

  /**
   * The rest, from the staged columns (without `__snapshot_updated_at`) and the target's columns (null when there is
   * no snapshot table yet): create or update, then drop the staging table.
   */
  apply(sourceInfo: ColumnInfo[], targetColumns: string[] | null): string[] {
    const changes = targetColumns === null ? [this.create(sourceInfo.map((c) => c.name))] : this.update(sourceInfo, targetColumns);
    return [...changes, this.dialect.drop(this.staging, 'table')];
  }

  /** The staging table: the source query plus the timestamp each row's version would carry. */
  private stage(sourceSql: string): string {
    const updatedAt = this.spec.strategy === 'timestamp' ? `source_query.${this.q(this.spec.updatedAt!)}` : this.snapshotTime;
    return this.dialect.createTableAs(this.staging, `select source_query.*, ${updatedAt} as __snapshot_updated_at from (\n${sourceSql}\n) source_query`);
  }

  /** First run: every row is a current version. */
  private create(sourceColumns: string[]): string {
    const n = this.spec.names;
    const deleted = this.spec.hardDeletes === 'new_record' ? `, 'False' as ${this.q(n.dbt_is_deleted)}` : '';
    return this.dialect.createTableAs(
      this.target,
      `select ${sourceColumns.map((c) => `s.${this.q(c)}`).join(', ')}, ${this.scdId('s')} as ${this.q(n.dbt_scd_id)}, s.__snapshot_updated_at as ${this.q(n.dbt_updated_at)}, s.__snapshot_updated_at as ${this.q(n.dbt_valid_from)}, ${this.validToCurrent('s.__snapshot_updated_at')} as ${this.q(n.dbt_valid_to)}${deleted}\nfrom ${this.dialect.renderRelation(this.staging)} s`,
    );
  }

  /** Later runs: statements to apply, in order, in one transaction. */
  private update(sourceInfo: ColumnInfo[], targetColumns: string[]): string[] {
    const n = this.spec.names;
    const sourceColumns = sourceInfo.map((c) => c.name);
    const target = this.dialect.renderRelation(this.target);
    const staging = this.dialect.renderRelation(this.staging);
    const known = new Set(targetColumns.map((c) => c.toLowerCase()));
    const added = sourceInfo.filter((c) => !known.has(c.name.toLowerCase()));
    const statements = added.map((c) => `alter table ${target} add column ${this.q(c.name)} ${c.dataType}`);
    const sameKey = this.spec.uniqueKey.map((k) => `t.${this.q(k)} = s.${this.q(k)}`).join(' and ');
    const current = this.isCurrent('t');
    const deletedFlag = this.spec.hardDeletes === 'new_record' ? ` or t.${this.q(n.dbt_is_deleted)} = 'True'` : '';
    const changed = `(${this.changed(sourceColumns)}${deletedFlag})`;
    // Close current rows whose source row changed.
    statements.push(
      `update ${target} as t set ${this.q(n.dbt_valid_to)} = s.__snapshot_updated_at from ${staging} as s where ${sameKey} and ${current} and ${changed}`,
    );
    if (this.spec.hardDeletes !== 'ignore') {
      const missing = `not exists (select 1 from ${staging} s where ${sameKey})`;
      if (this.spec.hardDeletes === 'new_record') {
        const columns = targetColumns.filter((c) => ![n.dbt_scd_id, n.dbt_updated_at, n.dbt_valid_from, n.dbt_valid_to, n.dbt_is_deleted].includes(c));
        statements.push(
          `insert into ${target} (${[...columns, n.dbt_scd_id, n.dbt_updated_at, n.dbt_valid_from, n.dbt_valid_to, n.dbt_is_deleted].map(this.q).join(', ')})\n` +
            `select ${columns.map((c) => `t.${this.q(c)}`).join(', ')}, md5(t.${this.q(n.dbt_scd_id)} || '|deleted|' || cast(${this.snapshotTime} as varchar)), ${this.snapshotTime}, ${this.snapshotTime}, ${this.validToCurrent(`t.${this.q(n.dbt_valid_from)}`)}, 'True' from ${target} t where ${current} and t.${this.q(n.dbt_is_deleted)} = 'False' and ${missing}`,
        );
        statements.push(
          `update ${target} as t set ${this.q(n.dbt_valid_to)} = ${this.snapshotTime} where ${current} and t.${this.q(n.dbt_is_deleted)} = 'False' and ${missing}`,
        );
      } else {
        statements.push(`update ${target} as t set ${this.q(n.dbt_valid_to)} = ${this.snapshotTime} where ${current} and ${missing}`);
      }
    }
    // Insert a new current version for every source row without one (new keys, and the rows closed above).
    const insertColumns = [
      ...sourceColumns,
      n.dbt_scd_id,
      n.dbt_updated_at,
      n.dbt_valid_from,
      n.dbt_valid_to,
      ...(this.spec.hardDeletes === 'new_record' ? [n.dbt_is_deleted] : []),
    ];
    statements.push(
      `insert into ${target} (${insertColumns.map(this.q).join(', ')})\n` +
        `select ${sourceColumns.map((c) => `s.${this.q(c)}`).join(', ')}, ${this.scdId('s')}, s.__snapshot_updated_at, s.__snapshot_updated_at, ${this.validToCurrent('s.__snapshot_updated_at')}${this.spec.hardDeletes === 'new_record' ? `, 'False'` : ''}\n` +
        `from ${staging} s where not exists (select 1 from ${target} t where ${sameKey} and ${current})`,
    );
    return statements;
  }

  private changed(sourceColumns: string[]): string {
    if (this.spec.strategy === 'timestamp') return `t.${this.q(this.spec.names.dbt_valid_from)} < s.__snapshot_updated_at`;
    const keys = new Set(this.spec.uniqueKey.map((k) => k.toLowerCase()));
    const columns = this.spec.checkCols === 'all' ? sourceColumns.filter((c) => !keys.has(c.toLowerCase())) : this.spec.checkCols;
    return columns.map((c) => `t.${this.q(c)} is distinct from s.${this.q(c)}`).join(' or ') || 'false';
  }

  private isCurrent(alias: string): string {
    const column = `${alias}.${this.q(this.spec.names.dbt_valid_to)}`;
    return this.spec.validToCurrent ? `(${column} is null or ${column} = ${this.spec.validToCurrent})` : `${column} is null`;
  }

  /** dbt_valid_to of a current row: the configured value, or a NULL of the timestamp's own type. */
  private validToCurrent(typedTimestamp: string): string {
    return this.spec.validToCurrent ?? `nullif(${typedTimestamp}, ${typedTimestamp})`;
  }

  private scdId(alias: string): string {
    const parts = [...this.spec.uniqueKey.map((k) => `${alias}.${this.q(k)}`), `${alias}.__snapshot_updated_at`];
    return `md5(${parts.map((p) => `coalesce(cast(${p} as varchar), '')`).join(` || '|' || `)})`;
  }
}
