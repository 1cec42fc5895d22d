/**
 * The two wildcard dialects dbt's selectors use: Python's `fnmatch` for names (`*` crosses
 * everything) and `pathlib` globs for paths (`*` stays within one folder, `**` spans folders).
 */

const cache = new Map<string, RegExp>();

/** Python `fnmatch.fnmatchcase`: `*`, `?`, `[seq]`, `[!seq]`; case-sensitive. */
export function fnmatch(name: string, pattern: string): boolean {
  return compiled(`f:${pattern}`, () => new RegExp(`^${translate(pattern, '.*', '.')}$`, 's')).test(name);
}

/** True when the pattern has a wildcard, i.e. is more than a literal name. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/** A `pathlib`-style glob over '/'-separated relative paths. */
export function pathGlobMatch(path: string, pattern: string): boolean {
  return compiled(`p:${pattern}`, () => pathGlobToRegExp(pattern)).test(path);
}

function pathGlobToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '(?:[^/]+(?:/[^/]+)*)?' : '(?:[^/]+/)*';
    } else {
      source += translate(segment, '[^/]*', '[^/]') + (last ? '' : '/');
    }
  });
  return new RegExp(`^${source}$`);
}

function compiled(key: string, build: () => RegExp): RegExp {
  let regexp = cache.get(key);
  if (!regexp) {
    regexp = build();
    cache.set(key, regexp);
  }
  return regexp;
}

/** Wildcards to a regular expression body; an unclosed `[` is a literal, as in Python. */
function translate(pattern: string, star: string, question: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      out += star;
    } else if (c === '?') {
      out += question;
    } else if (c === '[') {
      const set = readCharacterSet(pattern, i);
      if (set) {
        out += set.source;
        i = set.end;
      } else {
        out += '\\[';
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

function readCharacterSet(pattern: string, open: number): { source: string; end: number } | null {
  let j = open + 1;
  if (pattern[j] === '!') j++;
  if (pattern[j] === ']') j++; // a leading ']' is a member of the set
  while (j < pattern.length && pattern[j] !== ']') j++;
  if (j >= pattern.length) return null;
  let body = pattern.slice(open + 1, j).replace(/\\/g, '\\\\');
  if (body.startsWith('!')) body = `^${body.slice(1)}`;
  else if (body.startsWith('^')) body = `\\${body}`;
  return { source: `[${body.replace(/]/g, '\\]')}]`, end: j };
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
