import type { RelationName } from '../adapters/adapter';
import { quoteIdentifier } from '../adapters/standard-dialect';
import { DICT_LIKE, splitCallArgs } from './compat';

/**
 * dbt's Relation as templates see it: renders as "database"."schema"."identifier" (dbt-duckdb's form) and answers the
 * attribute and method lookups dbt macros make (`.identifier`, `.include(...)`, `.incorporate(...)`).
 */
export type RelationKind = 'table' | 'view' | 'cte' | 'external' | 'materialized_view' | null;

export interface QuotePolicy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

const QUOTE_ALL: QuotePolicy = { database: true, schema: true, identifier: true };

export class Relation {
  /** dbt's relations are mappings with a `metadata.type` (dbt_utils checks both to recognise one). */
  readonly [DICT_LIKE] = true;

  constructor(
    readonly database: string | null,
    readonly schema: string | null,
    readonly identifier: string | null,
    readonly type: RelationKind = null,
    readonly quotePolicy: QuotePolicy = QUOTE_ALL,
    /** A literal expression rendered instead of the name (external sources, ephemeral CTE names). */
    readonly expression?: string,
  ) {}

  get metadata(): { type: string } {
    return { type: 'DuckDBRelation' };
  }

  /** Mapping-style access: `relation.get('metadata', {})`. */
  get(key: string, fallback: unknown = null): unknown {
    const value = (this as unknown as Record<string, unknown>)[key];
    return value === undefined ? fallback : value;
  }

  get name(): string | null {
    return this.identifier;
  }
  get table(): string | null {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }
  get is_materialized_view(): boolean {
    return this.type === 'materialized_view';
  }
  get is_pointer(): boolean {
    return false;
  }
  get is_function(): boolean {
    return false;
  }
  /** DuckDB renames tables and views in place, as dbt-duckdb's renameable relations say. */
  get can_be_renamed(): boolean {
    return this.type === 'table' || this.type === 'view';
  }
  get can_be_replaced(): boolean {
    return this.type === 'table' || this.type === 'view';
  }

  render(): string {
    if (this.expression !== undefined) return this.expression;
    const parts: string[] = [];
    if (this.database) parts.push(this.quotePolicy.database ? quoteIdentifier(this.database) : this.database);
    if (this.schema) parts.push(this.quotePolicy.schema ? quoteIdentifier(this.schema) : this.schema);
    if (this.identifier) parts.push(this.quotePolicy.identifier ? quoteIdentifier(this.identifier) : this.identifier);
    return parts.join('.');
  }

  toString(): string {
    return this.render();
  }

  include(options: Record<string, unknown> = {}): Relation {
    const keep = (key: 'database' | 'schema' | 'identifier') => options[key] !== false;
    return new Relation(
      keep('database') ? this.database : null,
      keep('schema') ? this.schema : null,
      keep('identifier') ? this.identifier : null,
      this.type,
      this.quotePolicy,
      this.expression,
    );
  }

  without_identifier(): Relation {
    return this.include({ identifier: false });
  }

  /**
   * `<database>.INFORMATION_SCHEMA`, or `<database>.INFORMATION_SCHEMA.<view>`: dbt addresses the information schema of
   * the relation's database, never its schema, and quotes neither INFORMATION_SCHEMA nor the view name.
   */
  information_schema(...raw: unknown[]): InformationSchema {
    const { args, kwargs } = splitCallArgs(raw);
    const view = args[0] ?? kwargs.view_name;
    return new InformationSchema(this.database, typeof view === 'string' ? view : null, this.quotePolicy);
  }

  information_schema_only(): InformationSchema {
    return this.information_schema();
  }

  incorporate(options: Record<string, unknown> = {}): Relation {
    const pathUpdate = (options.path ?? {}) as Record<string, string | null | undefined>;
    // A part given as none clears it (dbt-duckdb's temp relations drop database and schema so).
    const part = (key: 'database' | 'schema' | 'identifier') => (pathUpdate[key] === undefined ? this[key] : pathUpdate[key]);
    return new Relation(part('database'), part('schema'), part('identifier'), (options.type as RelationKind) ?? this.type, this.quotePolicy, this.expression);
  }

  quote(options: Record<string, unknown> = {}): Relation {
    const policy = { ...this.quotePolicy };
    for (const key of ['database', 'schema', 'identifier'] as const) if (typeof options[key] === 'boolean') policy[key] = options[key] as boolean;
    return new Relation(this.database, this.schema, this.identifier, this.type, policy, this.expression);
  }

  /** The name adapter methods look up and drop: parts that are none stay absent, as dbt renders them. */
  toName(): RelationName {
    return { database: this.database, schema: this.schema, identifier: String(this.identifier) };
  }

  /** Used by `{{ relation }}` in nunjucks output. */
  valueOf(): string {
    return this.render();
  }
}

/** A relation to the information schema: its identifier is INFORMATION_SCHEMA, unquoted, then the view name if any. */
export class InformationSchema extends Relation {
  constructor(
    database: string | null,
    readonly information_schema_view: string | null,
    quotePolicy: QuotePolicy,
  ) {
    super(database, null, 'INFORMATION_SCHEMA', 'view', { ...quotePolicy, identifier: false });
  }

  render(): string {
    const rendered = super.render();
    return this.information_schema_view === null ? rendered : `${rendered}.${this.information_schema_view}`;
  }
}
