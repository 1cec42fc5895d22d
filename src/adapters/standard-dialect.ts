import type { Dialect, MergeOptions, Relation, RelationName, RelationType } from './adapter';

const TARGET_ALIAS = 'dbt_internal_dest';
const SOURCE_ALIAS = 'dbt_internal_source';

/** The one home of identifier quoting: double quotes, embedded quotes doubled (SQL standard). */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const quote = quoteIdentifier;

/** As dbt's Relation renders: only the parts it has (a temporary table has neither database nor schema). */
function renderRelation(rel: RelationName): string {
  return [rel.database, rel.schema, rel.identifier]
    .filter((part): part is string => part !== null && part !== undefined)
    .map(quote)
    .join('.');
}

/**
 * Model SQL is wrapped in parentheses, so a trailing `;` would be a syntax error and a trailing
 * `-- comment` would swallow the closing parenthesis: drop the one, break the line for the other.
 */
function asSubquery(sql: string): string {
  return `(\n${sql.replace(/[\s;]+$/, '')}\n)`;
}

function columnList(columns: string[]): string {
  return columns.map(quote).join(', ');
}

function keysMatch(uniqueKey: string[]): string {
  return uniqueKey.map((k) => `${TARGET_ALIAS}.${quote(k)} = ${SOURCE_ALIAS}.${quote(k)}`).join(' AND ');
}

/** The statements both engines write alike (SQL standard DDL and DML); engines add their catalog queries. */
export const standardStatements: Omit<Dialect, 'createSchema' | 'findRelationSql' | 'listRelationsSql' | 'columnsSql' | 'schemaExistsSql' | 'seed'> = {
  quote,
  literal: quoteLiteral,
  renderRelation,

  createTableAs: (rel, sql) => `CREATE TABLE ${renderRelation(rel)} AS ${asSubquery(sql)}`,

  createViewAs: (rel, sql) => `CREATE VIEW ${renderRelation(rel)} AS ${asSubquery(sql)}`,

  drop: (rel: RelationName, type: RelationType) => `DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${renderRelation(rel)} CASCADE`,

  rename: (rel: RelationName, type: RelationType, newIdentifier: string) =>
    `ALTER ${type === 'view' ? 'VIEW' : 'TABLE'} ${renderRelation(rel)} RENAME TO ${quote(newIdentifier)}`,

  insertInto: (target, sourceSql, columns) =>
    columns === undefined
      ? `INSERT INTO ${renderRelation(target)} ${asSubquery(sourceSql)}`
      : `INSERT INTO ${renderRelation(target)} (${columnList(columns)})\n` + `SELECT ${columnList(columns)} FROM ${asSubquery(sourceSql)} AS ${SOURCE_ALIAS}`,

  deleteWhereKeysIn: (target, sourceSql, uniqueKey) =>
    `DELETE FROM ${renderRelation(target)} AS ${TARGET_ALIAS}\n` + `USING ${asSubquery(sourceSql)} AS ${SOURCE_ALIAS}\n` + `WHERE ${keysMatch(uniqueKey)}`,

  mergeInto: (target: Relation, sourceSql: string, options: MergeOptions) => {
    const updateColumns = options.updateColumns ?? options.columns;
    const whenMatched =
      updateColumns.length === 0 ? '' : `WHEN MATCHED THEN UPDATE SET ${updateColumns.map((c) => `${quote(c)} = ${SOURCE_ALIAS}.${quote(c)}`).join(', ')}\n`;
    return (
      `MERGE INTO ${renderRelation(target)} AS ${TARGET_ALIAS}\n` +
      `USING ${asSubquery(sourceSql)} AS ${SOURCE_ALIAS}\n` +
      `ON ${keysMatch(options.uniqueKey)}\n` +
      whenMatched +
      `WHEN NOT MATCHED THEN INSERT (${columnList(options.columns)}) ` +
      `VALUES (${options.columns.map((c) => `${SOURCE_ALIAS}.${quote(c)}`).join(', ')})`
    );
  },
};
