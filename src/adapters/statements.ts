/**
 * How many statements a text holds, by the lexical rules Postgres and DuckDB (whose parser descends from Postgres')
 * share: `;` separates statements except inside
 * 'strings' (E'...' with backslash escapes), "identifiers", $tag$dollar quotes$tag$, line comments and nested block comments.
 * Only whitespace and comments count as no statement. Throws on an unterminated quote or comment.
 */
export function countStatements(sql: string): number {
  let count = 0;
  let content = false;
  let i = 0;
  const closeAt = (end: number, what: string): number => {
    if (end < 0) throw new Error(`unterminated ${what}`);
    return end;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (depth > 0) {
        if (i >= sql.length) throw new Error('unterminated comment');
        if (sql.startsWith('/*', i) || sql.startsWith('*/', i)) {
          depth += sql[i] === '/' ? 1 : -1;
          i += 2;
        } else i += 1;
      }
    } else if (ch === ';') {
      if (content) count += 1;
      content = false;
      i += 1;
    } else if (WHITESPACE.test(ch)) {
      i = nextMatch(NOT_WHITESPACE, sql, i + 1);
    } else {
      content = true;
      if (ch === "'") {
        const backslashes = i > 0 && /[eE]/.test(sql[i - 1]) && !/[\w$]/.test(sql[i - 2] ?? '');
        i += 1;
        for (;;) {
          const end = closeAt(sql.indexOf("'", i), 'string');
          if (backslashes && countBackslashesBefore(sql, end) % 2 === 1) i = end + 1;
          else if (sql[end + 1] === "'") i = end + 2;
          else {
            i = end + 1;
            break;
          }
        }
      } else if (ch === '"') {
        for (i += 1; ;) {
          const end = closeAt(sql.indexOf('"', i), 'quoted identifier');
          if (sql[end + 1] === '"') i = end + 2;
          else {
            i = end + 1;
            break;
          }
        }
      } else if (ch === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
        const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
        if (tag) i = closeAt(sql.indexOf(tag[0], i + tag[0].length), 'dollar-quoted string') + tag[0].length;
        else i += 1;
      } else {
        i = nextMatch(SPECIAL, sql, i + 1);
      }
    }
  }
  return content ? count + 1 : count;
}

const WHITESPACE = /\s/;
const NOT_WHITESPACE = /\S/g;
/** Where a character other than a plain one can begin something: a comment, a quote, a `;`, whitespace. */
const SPECIAL = /[-/;'"$\s]/g;

/** The index of `pattern`'s next match in `sql` from `from`, or the end: the plain stretches are skipped at once. */
function nextMatch(pattern: RegExp, sql: string, from: number): number {
  pattern.lastIndex = from;
  const match = pattern.exec(sql);
  return match ? match.index : sql.length;
}

function countBackslashesBefore(sql: string, index: number): number {
  let n = 0;
  while (index - 1 - n >= 0 && sql[index - 1 - n] === '\\') n += 1;
  return n;
}
