import { quoteIdentifier } from '../adapters/standard-dialect';
import { DICT_LIKE } from './compat';

/**
 * dbt's Relation as templates see it: renders as "database"."schema"."identifier" (dbt-duckdb's form) and answers the
 * attribute and method lookups dbt macros make (`.identifier`, `.include(...)`, `.incorporate(...)`).
 */
export type RelationKind = 'table' | 'view' | 'cte' | 'external' | null;

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

  incorporate(options: Record<string, unknown> = {}): Relation {
    const pathUpdate = (options.path ?? {}) as Record<string, string>;
    return new Relation(
      pathUpdate.database ?? this.database,
      pathUpdate.schema ?? this.schema,
      pathUpdate.identifier ?? this.identifier,
      (options.type as RelationKind) ?? this.type,
      this.quotePolicy,
      this.expression,
    );
  }

  quote(options: Record<string, unknown> = {}): Relation {
    const policy = { ...this.quotePolicy };
    for (const key of ['database', 'schema', 'identifier'] as const) if (typeof options[key] === 'boolean') policy[key] = options[key] as boolean;
    return new Relation(this.database, this.schema, this.identifier, this.type, policy, this.expression);
  }

  /** Used by `{{ relation }}` in nunjucks output. */
  valueOf(): string {
    return this.render();
  }
}
