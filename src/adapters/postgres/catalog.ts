import type { CatalogRelation, QueryResult } from '../adapter';
import { quoteLiteral as literal } from '../standard-dialect';

const RELATION_TYPES = `CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'BASE TABLE' END`;

/**
 * catalog.json's relations from pg_catalog, as dbt-postgres reads them: tables, views and materialized views of the
 * schemas, each with owner, comment and columns (declared types, 1-based positions, comments). A connection sees
 * one database, so schemas of another database have nothing to report.
 */
export async function postgresCatalog(
  query: (sql: string) => Promise<QueryResult>,
  schemas: { database: string; schema: string }[],
): Promise<CatalogRelation[]> {
  if (schemas.length === 0) return [];
  const inSchemas = schemas.map((s) => `(current_database() = ${literal(s.database)} AND n.nspname = ${literal(s.schema)})`).join(' OR ');
  const { rows } = await query(
    `SELECT current_database() AS database_name, n.nspname AS schema_name, c.relname AS name, ${RELATION_TYPES} AS type,
       pg_catalog.obj_description(c.oid, 'pg_class') AS comment, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       a.attname AS column_name, a.attnum AS column_index, pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       pg_catalog.col_description(c.oid, a.attnum) AS column_comment
     FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND (${inSchemas})
     ORDER BY n.nspname, c.relname, a.attnum`,
  );
  const relations = new Map<string, CatalogRelation>();
  for (const row of rows) {
    const key = `${String(row.schema_name)}\u0000${String(row.name)}`;
    let relation = relations.get(key);
    if (!relation) {
      relation = {
        database: String(row.database_name),
        schema: String(row.schema_name),
        name: String(row.name),
        type: String(row.type),
        comment: row.comment == null ? null : String(row.comment),
        owner: row.owner == null ? null : String(row.owner),
        columns: [],
      };
      relations.set(key, relation);
    }
    if (row.column_name != null) {
      relation.columns.push({
        name: String(row.column_name),
        type: String(row.column_type),
        index: Number(row.column_index),
        comment: row.column_comment == null ? null : String(row.column_comment),
      });
    }
  }
  return [...relations.values()];
}
