import type { Dialect } from '../adapter';
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

export const duckdbDialect: Dialect = {
  ...standardStatements,

  createSchema: (database, schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(database)}.${quote(schema)}`,

  findRelationSql: (rel) =>
    `SELECT ${RELATION_TYPE} AS relation_type FROM information_schema.tables\n` +
    `WHERE ${inSchema(rel.database, rel.schema)} AND ${sameName('table_name', rel.identifier)}`,

  listRelationsSql: (database, schema) =>
    `SELECT table_name AS identifier, ${RELATION_TYPE} AS relation_type FROM information_schema.tables\n` +
    `WHERE ${inSchema(database, schema)}\nORDER BY table_name`,

  columnsSql: (rel) =>
    `SELECT column_name, data_type FROM information_schema.columns\n` +
    `WHERE ${inSchema(rel.database, rel.schema)} AND ${sameName('table_name', rel.identifier)}\nORDER BY ordinal_position`,

  schemaExistsSql: (database, schema) =>
    `SELECT 1 AS found FROM information_schema.schemata WHERE ${sameName('catalog_name', database)} AND ${sameName('schema_name', schema)}`,

  seed: duckdbSeedSql,
};
