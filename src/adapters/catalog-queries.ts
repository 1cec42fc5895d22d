import type { ColumnInfo, Connection, Dialect, Relation, RelationType } from './adapter';

type Query = Connection['query'];

/** The Connection catalog methods, answered by the engine's dialect queries. */
export function catalogQueries(query: Query, dialect: Dialect): Pick<Connection, 'listRelations' | 'getRelation' | 'getColumns'> {
  const typeOf = (value: unknown): RelationType => (value === 'view' ? 'view' : 'table');
  return {
    async listRelations(database: string, schema: string) {
      const { rows } = await query(dialect.listRelationsSql(database, schema));
      return rows.map((row) => ({ identifier: String(row.identifier), type: typeOf(row.relation_type) }));
    },
    async getRelation(rel: Relation) {
      const { rows } = await query(dialect.findRelationSql(rel));
      return rows.length === 0 ? null : { type: typeOf(rows[0].relation_type) };
    },
    async getColumns(rel: Relation): Promise<ColumnInfo[]> {
      const { rows } = await query(dialect.columnsSql(rel));
      return rows.map((row) => ({ name: String(row.column_name), dataType: String(row.data_type) }));
    },
  };
}
