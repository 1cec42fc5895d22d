/*
 * Python's `re` module as dbt exposes it (`modules.re`): patterns in Python's syntax, translated once to JS RegExps,
 * and Python's API on top (match objects, findall's group tuples, sub's `\g<1>` templates, flags).
 */
import { ProjectError } from '../errors';
import { pyStr, pyTuple, splitCallArgs } from './compat';

const FLAGS = { IGNORECASE: 2, LOCALE: 4, MULTILINE: 8, DOTALL: 16, UNICODE: 32, VERBOSE: 64, DEBUG: 128, ASCII: 256 } as const;
const SHORT_FLAGS = { I: FLAGS.IGNORECASE, L: FLAGS.LOCALE, M: FLAGS.MULTILINE, S: FLAGS.DOTALL, U: FLAGS.UNICODE, X: FLAGS.VERBOSE, A: FLAGS.ASCII };
const INLINE_FLAGS: Record<string, number> = {
  i: FLAGS.IGNORECASE,
  m: FLAGS.MULTILINE,
  s: FLAGS.DOTALL,
  x: FLAGS.VERBOSE,
  a: FLAGS.ASCII,
  u: FLAGS.UNICODE,
  L: FLAGS.LOCALE,
};

/** Python's error for a bad pattern, as a user-facing error. */
function patternError(pattern: string, reason: string): ProjectError {
  return new ProjectError(`re.error: ${reason} in pattern ${JSON.stringify(pattern)}`, undefined, 'check the regular expression (Python syntax)');
}

/** Drops whitespace and `#` comments outside character classes, as Python's re.VERBOSE does. */
function stripVerbose(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else if (ch === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

/** Python syntax to JS syntax: named groups, \A \Z, `$` before a final newline, inline global flags. */
function translate(pattern: string, flags: number): { source: string; flags: number } {
  let body = pattern;
  // Global inline flags: `(?i)`, `(?sx)`... (Python 3.11 only accepts them at the start).
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(body); m; m = /^\(\?([aiLmsux]+)\)/.exec(body)) {
    for (const letter of m[1]) flags |= INLINE_FLAGS[letter];
    body = body.slice(m[0].length);
  }
  if (flags & FLAGS.VERBOSE) body = stripVerbose(body);
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw patternError(pattern, 'bad escape (end of pattern)');
      i++;
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else out += ch + next;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      // A `[` inside a class is literal in Python.
      out += ch === '[' ? '\\[' : ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (body[i + 1] === '^') out += body[++i];
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (ch === '(' && body.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (ch === '(' && body.startsWith('(?P=', i)) {
      const close = body.indexOf(')', i);
      out += `\\k<${body.slice(i + 4, close)}>`;
      i = close;
    } else if (ch === '(' && /^\(\?[aiLmsux]+\)/.test(body.slice(i))) {
      throw patternError(pattern, 'global flags not at the start of the expression');
    } else if (ch === '$' && !(flags & FLAGS.MULTILINE)) {
      // Python's `$` also matches before a newline that ends the string.
      out += '(?=\\n?(?![\\s\\S]))';
    } else {
      out += ch;
    }
  }
  return { source: out, flags };
}

function jsFlags(flags: number): string {
  return 'gd' + (flags & FLAGS.IGNORECASE ? 'i' : '') + (flags & FLAGS.MULTILINE ? 'm' : '') + (flags & FLAGS.DOTALL ? 's' : '');
}

const compiled = new Map<string, PyPattern>();

function compile(pattern: unknown, flags: unknown = 0): PyPattern {
  if (pattern instanceof PyPattern) return pattern;
  const text = String(pattern);
  const key = `${Number(flags) || 0}:${text}`;
  let result = compiled.get(key);
  if (!result) {
    result = new PyPattern(text, Number(flags) || 0);
    compiled.set(key, result);
  }
  return result;
}

/** A match object: `group()`, `groups()`, `groupdict()`, `start()`, `end()`, `span()`, and `m[1]`. */
export class PyMatch {
  [index: number]: string | null;
  readonly string: string;
  readonly pos: number;
  readonly lastindex: number | null;

  constructor(
    readonly re: PyPattern,
    private readonly exec: RegExpExecArray,
  ) {
    this.string = exec.input;
    this.pos = 0;
    let last: number | null = null;
    for (let i = 0; i < exec.length; i++) {
      this[i] = exec[i] ?? null;
      if (i > 0 && exec[i] !== undefined) last = i;
    }
    this.lastindex = last;
  }

  private index(group: unknown): number {
    if (typeof group === 'number') {
      if (group < 0 || group >= this.exec.length) throw new Error('IndexError: no such group');
      return group;
    }
    const names = this.re.groupNames;
    if (!(String(group) in names)) throw new Error('IndexError: no such group');
    return names[String(group)];
  }

  group(...groups: unknown[]): unknown {
    const values = (groups.length ? groups : [0]).map((g) => this.exec[this.index(g)] ?? null);
    return values.length === 1 ? values[0] : pyTuple(values);
  }

  groups(...raw: unknown[]): unknown[] {
    const { args, kwargs } = splitCallArgs(raw);
    const fallback = args[0] ?? kwargs.default ?? null;
    return pyTuple(
      Array.from(this.exec)
        .slice(1)
        .map((value) => value ?? fallback),
    );
  }

  groupdict(...raw: unknown[]): Record<string, unknown> {
    const { args, kwargs } = splitCallArgs(raw);
    const fallback = args[0] ?? kwargs.default ?? null;
    const result: Record<string, unknown> = {};
    for (const [name, index] of Object.entries(this.re.groupNames)) result[name] = this.exec[index] ?? fallback;
    return result;
  }

  start(group: unknown = 0): number {
    return this.span(group)[0];
  }

  end(group: unknown = 0): number {
    return this.span(group)[1];
  }

  span(group: unknown = 0): number[] {
    const span = this.exec.indices?.[this.index(group)];
    return pyTuple(span ? [span[0], span[1]] : [-1, -1]);
  }

  toString(): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match='${this.exec[0]}'>`;
  }
}

/** `re.compile(...)`, and what every module function uses. */
export class PyPattern {
  readonly groups: number;
  readonly groupNames: Record<string, number> = {};
  readonly groupindex: Record<string, number>;
  private readonly regex: RegExp;

  constructor(
    readonly pattern: string,
    readonly flags: number,
  ) {
    const translated = translate(pattern, flags);
    this.flags = translated.flags;
    try {
      this.regex = new RegExp(translated.source, jsFlags(translated.flags));
    } catch (error) {
      throw patternError(pattern, (error as Error).message.replace(/^Invalid regular expression: /, ''));
    }
    this.groups = new RegExp(`(?:${translated.source})|`).exec('')!.length - 1;
    // Group numbers of named groups, in order of their opening parenthesis.
    let index = 0;
    for (const m of translated.source.matchAll(/\\.|\[(?:\\.|[^\]])*\]|\((\?<([A-Za-z_]\w*)>|\?)?/g)) {
      if (!m[0].startsWith('(')) continue;
      if (m[1] === undefined || m[2] !== undefined) index++;
      if (m[2] !== undefined) this.groupNames[m[2]] = index;
    }
    this.groupindex = this.groupNames;
  }

  private execAt(text: string, position: number, sticky: boolean): RegExpExecArray | null {
    const regex = sticky ? new RegExp(this.regex.source, this.regex.flags.replace('g', '') + 'y') : this.regex;
    regex.lastIndex = position;
    return regex.exec(text);
  }

  match(...raw: unknown[]): PyMatch | null {
    const [text, pos] = params(raw, ['string', 'pos']);
    const m = this.execAt(String(text), Number(pos ?? 0), true);
    return m ? new PyMatch(this, m) : null;
  }

  fullmatch(...raw: unknown[]): PyMatch | null {
    const whole = compile(`(?:${this.pattern.replace(/^(\(\?[aiLmsux]+\))+/, '')})\\Z`, this.flags);
    return whole.match(...raw);
  }

  search(...raw: unknown[]): PyMatch | null {
    const [text, pos] = params(raw, ['string', 'pos']);
    const m = this.execAt(String(text), Number(pos ?? 0), false);
    return m ? new PyMatch(this, m) : null;
  }

  finditer(...raw: unknown[]): PyMatch[] {
    const input = String(params(raw, ['string'])[0]);
    const matches: PyMatch[] = [];
    const regex = new RegExp(this.regex.source, this.regex.flags);
    for (let m = regex.exec(input); m; m = regex.exec(input)) {
      matches.push(new PyMatch(this, m));
      if (m[0] === '') regex.lastIndex++;
    }
    return matches;
  }

  /** Whole matches without groups; the group with one; tuples of groups with more (unmatched groups as ''). */
  findall(...raw: unknown[]): unknown[] {
    const [text] = params(raw, ['string']);
    return this.finditer(text).map((m) => {
      const groups = m.groups('');
      if (this.groups === 0) return m.group();
      return this.groups === 1 ? groups[0] : groups;
    });
  }

  split(...raw: unknown[]): (string | null)[] {
    const [text, max] = params(raw, ['string', 'maxsplit']);
    const input = String(text);
    const maxsplit = Number(max ?? 0);
    const parts: (string | null)[] = [];
    let last = 0;
    for (const m of this.finditer(input)) {
      if (maxsplit > 0 && parts.length / (this.groups + 1) >= maxsplit) break;
      parts.push(input.slice(last, m.start()), ...(m.groups() as (string | null)[]));
      last = m.end();
    }
    parts.push(input.slice(last));
    return parts;
  }

  sub(...raw: unknown[]): string {
    return this.subn(...raw)[0];
  }

  subn(...raw: unknown[]): [string, number] {
    const [repl, text, max] = params(raw, ['repl', 'string', 'count']);
    const input = String(text);
    const count = Number(max ?? 0);
    const expand = typeof repl === 'function' ? (m: PyMatch) => pyStr(repl(m)) : replacementTemplate(String(repl), this);
    let out = '';
    let last = 0;
    let n = 0;
    for (const m of this.finditer(input)) {
      if (count > 0 && n >= count) break;
      out += input.slice(last, m.start()) + expand(m);
      last = m.end();
      n++;
    }
    return pyTuple([out + input.slice(last), n]) as [string, number];
  }
}

const TEMPLATE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Python's replacement template: `\1`, `\g<1>`, `\g<name>`, `\n`; other escapes of letters are errors, as in Python. */
function replacementTemplate(template: string, pattern: PyPattern): (m: PyMatch) => string {
  const pieces: (string | number)[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '\\') {
      literal += ch;
      continue;
    }
    const next = template[i + 1] ?? '';
    let group: number | undefined;
    const named = /^g<([^>]*)>/.exec(template.slice(i + 1));
    const digits = /^\d{1,2}/.exec(template.slice(i + 1));
    if (named) {
      group = /^\d+$/.test(named[1]) ? Number(named[1]) : pattern.groupNames[named[1]];
      if (group === undefined) throw patternError(pattern.pattern, `unknown group name '${named[1]}' in replacement`);
      i += named[0].length;
    } else if (digits) {
      group = Number(digits[0]);
      i += digits[0].length;
    } else if (next in TEMPLATE_ESCAPES) {
      literal += TEMPLATE_ESCAPES[next];
      i++;
      continue;
    } else if (/[A-Za-z]/.test(next)) {
      throw patternError(pattern.pattern, `bad escape \\${next} in replacement`);
    } else {
      literal += ch;
      continue;
    }
    if (group > pattern.groups) throw patternError(pattern.pattern, `invalid group reference ${group} in replacement`);
    pieces.push(literal, group);
    literal = '';
  }
  pieces.push(literal);
  return (m) => pieces.map((p) => (typeof p === 'number' ? ((m.group(p) as string | null) ?? '') : p)).join('');
}

/** Positional-or-keyword arguments by name, as Python binds them. */
function params(raw: unknown[], names: string[]): unknown[] {
  const { args, kwargs } = splitCallArgs(raw);
  return names.map((name, i) => (i < args.length ? args[i] : kwargs[name]));
}

/** `re.sub(pattern, ...rest, flags)`: the compiled pattern's method, with `flags` taken out (positional or keyword). */
function moduleFunction(method: keyof PyPattern & ('match' | 'fullmatch' | 'search' | 'findall' | 'finditer' | 'split' | 'sub' | 'subn'), names: string[]) {
  return (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    const { flags = 0, ...rest } = kwargs;
    const flagsAt = names.length + 1;
    const pattern = compile(args[0], args.length > flagsAt ? args[flagsAt] : flags);
    const positional = args.slice(1, flagsAt);
    return (pattern[method] as (...a: unknown[]) => unknown)(...positional, { ...rest, __keywords: true });
  };
}

/** `modules.re` */
export const pythonRe = {
  ...FLAGS,
  ...SHORT_FLAGS,
  NOFLAG: 0,
  compile: (...raw: unknown[]) => {
    const { args, kwargs } = splitCallArgs(raw);
    return compile(args[0], args[1] ?? kwargs.flags ?? 0);
  },
  match: moduleFunction('match', ['string']),
  fullmatch: moduleFunction('fullmatch', ['string']),
  search: moduleFunction('search', ['string']),
  findall: moduleFunction('findall', ['string']),
  finditer: moduleFunction('finditer', ['string']),
  split: moduleFunction('split', ['string', 'maxsplit']),
  sub: moduleFunction('sub', ['repl', 'string', 'count']),
  subn: moduleFunction('subn', ['repl', 'string', 'count']),
  // Python 3.7+ escapes only the characters special in patterns.
  escape: (text: unknown) => String(text).replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (ch) => '\\' + ch),
};
