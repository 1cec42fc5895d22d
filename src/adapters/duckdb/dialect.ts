import type { Dialect, RelationName } from '../adapter';
import { duckdbSeedSql } from './seed-sql';
import { quoteIdentifier as quote, quoteLiteral as literal, standardStatements } from '../standard-dialect';

/** DuckDB resolves names case-insensitively, so catalog lookups compare the same way. */
export function sameName(column: string, name: string): string {
  return `lower(${column}) = lower(${literal(name)})`;
}

function inSchema(database: string, schema: string): string {
  return `${sameName('table_catalog', database)} AND ${sameName('table_schema', schema)}`;
}

const RELATION_TYPE = `CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END`;

/** The rows of information_schema.tables that can be the relation: every catalog or schema when the name leaves it out. */
function candidates(rel: RelationName): string {
  const given = (column: string, name: string | null | undefined) => (name === null || name === undefined ? [] : [sameName(column, name)]);
  return [...given('table_catalog', rel.database), ...given('table_schema', rel.schema), sameName('table_name', rel.identifier)].join(' AND ');
}

/** The candidate DuckDB binds a partly qualified name to: temporary tables first, then the current catalog and schema. */
const BINDING_ORDER = `ORDER BY table_catalog = 'temp' DESC, table_catalog = current_database() DESC, table_schema = current_schema() DESC LIMIT 1`;

export const duckdbDialect: Dialect = {
  ...standardStatements,

  createSchema: (database, schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(database)}.${quote(schema)}`,

  findRelationSql: (rel) => `SELECT ${RELATION_TYPE} AS relation_type FROM information_schema.tables\n` + `WHERE ${candidates(rel)}\n${BINDING_ORDER}`,

  listRelationsSql: (database, schema) =>
    `SELECT table_name AS identifier, ${RELATION_TYPE} AS relation_type FROM information_schema.tables\n` +
    `WHERE ${inSchema(database, schema)}\nORDER BY table_name`,

  columnsSql: (rel) =>
    `WITH bound AS (SELECT table_catalog, table_schema, table_name FROM information_schema.tables WHERE ${candidates(rel)} ${BINDING_ORDER})\n` +
    `SELECT column_name, data_type FROM information_schema.columns JOIN bound USING (table_catalog, table_schema, table_name)\nORDER BY ordinal_position`,

  schemaExistsSql: (database, schema) =>
    `SELECT 1 AS found FROM information_schema.schemata WHERE ${sameName('catalog_name', database)} AND ${sameName('schema_name', schema)}`,

  seed: duckdbSeedSql,
};
