import type { Dialect, RelationName } from '../adapter';
import { postgresSeedSql } from './seed-sql';
import { quoteIdentifier as quote, quoteLiteral as literal, standardStatements } from '../standard-dialect';

/**
 * Postgres compares quoted names exactly, as dbt-postgres does (it quotes every identifier). A connection sees one
 * database, so the database part only has to name the current one.
 */
function inSchema(database: string, schema: string): string {
  return `n.nspname = ${literal(schema)} AND current_database() = ${literal(database)}`;
}

/** The relation the name stands for; without a schema, the one Postgres binds the bare name to (temporary tables first). */
function named(rel: RelationName): string {
  const database = rel.database === null || rel.database === undefined ? [] : [`current_database() = ${literal(rel.database)}`];
  const relation =
    rel.schema === null || rel.schema === undefined
      ? [`c.oid = to_regclass(${literal(quote(rel.identifier))})`]
      : [`n.nspname = ${literal(rel.schema)}`, `c.relname = ${literal(rel.identifier)}`];
  return [...database, ...relation].join(' AND ');
}

const RELATIONS = `FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n` + `WHERE c.relkind IN ('r', 'p', 'f', 'v')`;

const RELATION_TYPE = `CASE WHEN c.relkind = 'v' THEN 'view' ELSE 'table' END`;

export const postgresDialect: Dialect = {
  ...standardStatements,

  // A schema name cannot carry a database part in Postgres.
  createSchema: (_database, schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`,

  findRelationSql: (rel) => `SELECT ${RELATION_TYPE} AS relation_type ${RELATIONS}\n` + `AND ${named(rel)}`,

  listRelationsSql: (database, schema) =>
    `SELECT c.relname AS identifier, ${RELATION_TYPE} AS relation_type ${RELATIONS}\n` + `AND ${inSchema(database, schema)}\nORDER BY c.relname`,

  // format_type spells types as they are declared (character varying(10), numeric(10,2)), ready for ALTER TABLE.
  columnsSql: (rel) =>
    `SELECT a.attname AS column_name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type\n` +
    `FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid\n` +
    `JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n` +
    `WHERE a.attnum > 0 AND NOT a.attisdropped AND ${named(rel)}\n` +
    `ORDER BY a.attnum`,

  schemaExistsSql: (database, schema) => `SELECT 1 AS found FROM pg_catalog.pg_namespace n WHERE ${inSchema(database, schema)}`,

  seed: postgresSeedSql,
};
