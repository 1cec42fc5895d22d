import type { Connection, Relation, RelationType } from '../adapters/adapter';

/**
 * What relations exist, learned once per schema (one catalog query) and kept current as nodes build, instead of
 * asking the catalog before every statement. Only tsdbt changes these schemas during a run, as dbt assumes too.
 */
export class RelationCatalog {
  private readonly schemas = new Map<string, Promise<Map<string, RelationType>>>();
  /** Schemas created before the run, known to exist even while empty. */
  private readonly created = new Set<string>();

  private key(database: string, schema: string): string {
    return `${database.toLowerCase()}\0${schema.toLowerCase()}`;
  }

  private relationsIn(conn: Connection, database: string, schema: string): Promise<Map<string, RelationType>> {
    const key = this.key(database, schema);
    let relations = this.schemas.get(key);
    if (!relations) {
      relations = conn.listRelations(database, schema).then((list) => new Map(list.map((r) => [r.identifier.toLowerCase(), r.type])));
      this.schemas.set(key, relations);
    }
    return relations;
  }

  async typeOf(conn: Connection, relation: Relation): Promise<RelationType | null> {
    return (await this.relationsIn(conn, relation.database, relation.schema)).get(relation.identifier.toLowerCase()) ?? null;
  }

  /** Whether the schema had relations when first looked at, or tsdbt created one in it since. */
  async schemaKnown(conn: Connection, database: string, schema: string): Promise<boolean> {
    return this.created.has(this.key(database, schema)) || (await this.relationsIn(conn, database, schema)).size > 0;
  }

  /** Records a schema created (or found) before the run. */
  schemaCreated(database: string, schema: string): void {
    this.created.add(this.key(database, schema));
  }

  /** Records a relation created (a type) or dropped (null) by a committed transaction. */
  async record(conn: Connection, relation: Relation, type: RelationType | null): Promise<void> {
    const relations = await this.relationsIn(conn, relation.database, relation.schema);
    if (type) relations.set(relation.identifier.toLowerCase(), type);
    else relations.delete(relation.identifier.toLowerCase());
  }

  /** Forgets a schema, for changes made outside the catalog's view (hooks, failed statements). */
  forget(relation: Relation): void {
    this.schemas.delete(this.key(relation.database, relation.schema));
  }
}
