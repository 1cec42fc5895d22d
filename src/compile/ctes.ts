/**
 * Injects ephemeral models as CTEs the way dbt does: into the query's own leading `with` when it has one, otherwise
 * as a new `with` clause in front of it.
 */
export function injectCtes(sql: string, ctes: { name: string; sql: string }[]): string {
  if (ctes.length === 0) return sql;
  const definitions = ctes.map((cte) => `${cte.name} as (\n${cte.sql}\n)`).join(', ');
  const withStart = leadingWithEnd(sql);
  if (withStart === null) return `with ${definitions}\n${sql}`;
  return `${sql.slice(0, withStart)} ${definitions},${sql.slice(withStart)}`;
}

/** Index just after a leading `with` keyword (after comments and whitespace), or null. */
function leadingWithEnd(sql: string): number | null {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i);
      i = end < 0 ? sql.length : end + 2;
    } else break;
  }
  const match = /^with(\s+recursive)?\b/i.exec(sql.slice(i));
  return match ? i + match[0].length : null;
}
