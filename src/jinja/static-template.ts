/*
 * Most dbt models are SQL text with `{{ ref('x') }}`, `{{ source('a', 'b') }}`, `{{ config(k='v') }}` or a macro called
 * with literal arguments, and comments. Such a template is recognised here by one scan of its source and run by a
 * small interpreter instead of nunjucks' lexer, parser, code generator and `new Function`. The interpreter does what
 * the generated code of the same template does, step for step (the same runtime lookups, calls, output conversion and
 * error wrapping), so the output, the recorded refs and macros and the errors are the same. Anything else (a tag, a
 * filter, an operator, a variable, a float) returns null and the template takes the full path.
 */
import { decodePythonEscapes } from './compat/lexer';

type Expr = { kind: 'literal'; value: string | number | boolean | null } | { kind: 'list'; items: Expr[] } | { kind: 'dict'; entries: [string, Expr][] } | Call;

interface Call {
  kind: 'call';
  /** `ref` or `dbt_utils.star`: a name and attribute lookups on it. */
  path: string[];
  args: Expr[];
  kwargs: [string, Expr][] | null;
  /** Where the call's `(` stands, 0-based, as nunjucks records it for errors. */
  line: number;
  column: number;
}

type Part = string | Call;

/** The precompiled form nunjucks' Template accepts: the root render function of the template. */
export interface StaticRoot {
  root: (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: (error: unknown, output?: string) => void) => void;
}

const PYTHON_CONSTANTS: Record<string, boolean | null> = { True: true, False: false, None: null, true: true, false: false, none: null, null: null };
/** The characters nunjucks' lexer skips between tokens. */
const WHITESPACE = new Set([' ', '\n', '\t', '\r', '\u00A0']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Words the Jinja parser reads as operators or tests, never as names. */
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);

/** The parts of a template that needs nothing but text and literal calls, or null. */
export function scanStaticTemplate(source: string): StaticRoot | null {
  if (source.includes('{%') || source.includes('+%}')) return null;
  // As the Jinja extension's preprocess: line endings as `\n`, and one final newline is not output.
  let text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  if (text.endsWith('\n')) text = text.slice(0, -1);
  const parts = new Scanner(text).parts();
  return parts ? rootOf(parts) : null;
}

class NotStatic extends Error {}

class Scanner {
  private index = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  parts(): Part[] | null {
    try {
      return this.scan();
    } catch (error) {
      if (error instanceof NotStatic) return null;
      throw error;
    }
  }

  private scan(): Part[] {
    const { text } = this;
    const parts: Part[] = [];
    let stripNextStart = false;
    while (this.index < text.length) {
      const open = nextTag(text, this.index);
      let data = text.slice(this.index, open < 0 ? text.length : open);
      // Text is ended by `{{`, `{#` (or, in nunjucks, a stray `#}`, which is an error: the full path reports it).
      if (data.includes('#}')) throw new NotStatic();
      if (stripNextStart) data = data.replace(/^\s*/, '');
      stripNextStart = false;
      if (open >= 0 && text.charAt(open + 2) === '-') data = data.replace(/\s*$/, '');
      if (data) parts.push(data);
      if (open < 0) break;
      if (text.charAt(open + 1) === '#') {
        const close = text.indexOf('#}', open + 2);
        if (close < 0) throw new NotStatic();
        // nunjucks reads the dash of `-#}` as the character before `#}`, even when it is the opening one.
        stripNextStart = text.charAt(close - 1) === '-';
        this.index = close + 2;
        continue;
      }
      this.index = open + (text.charAt(open + 2) === '-' ? 3 : 2);
      const call = this.call();
      this.skipWhitespace();
      if (text.startsWith('-}}', this.index)) {
        stripNextStart = true;
        this.index += 3;
      } else if (text.startsWith('}}', this.index)) this.index += 2;
      else throw new NotStatic();
      parts.push(call);
    }
    return parts;
  }

  private call(): Call {
    this.skipWhitespace();
    const path = [this.name()];
    if (Object.hasOwn(PYTHON_CONSTANTS, path[0])) throw new NotStatic();
    while (this.peek() === '.') {
      this.index++;
      path.push(this.name());
    }
    this.skipWhitespace();
    if (this.peek() !== '(') throw new NotStatic();
    const { line, column } = this.position();
    this.index++;
    const args: Expr[] = [];
    let kwargs: [string, Expr][] | null = null;
    this.skipWhitespace();
    if (this.peek() === ')') this.index++;
    else {
      for (;;) {
        this.skipWhitespace();
        const keyword = this.keyword();
        if (keyword !== null) {
          kwargs ??= [];
          if (kwargs.some(([name]) => name === keyword)) throw new NotStatic();
          kwargs.push([keyword, this.expression()]);
        } else if (kwargs) throw new NotStatic();
        else args.push(this.expression());
        if (!this.closes(')')) continue;
        break;
      }
    }
    return { kind: 'call', path, args, kwargs, line, column };
  }

  /** After an item of a list: true at its closing character, false after a comma (a trailing comma takes the full path). */
  private closes(close: string): boolean {
    this.skipWhitespace();
    const next = this.peek();
    this.index++;
    if (next === close) return true;
    if (next !== ',') throw new NotStatic();
    this.skipWhitespace();
    if (this.peek() === close) throw new NotStatic();
    return false;
  }

  /** `name=` of a keyword argument (not `name==`), or null with the position unchanged. */
  private keyword(): string | null {
    const start = this.index;
    if (!NAME_START.test(this.peek())) return null;
    const name = this.name();
    this.skipWhitespace();
    if (this.peek() === '=' && this.text.charAt(this.index + 1) !== '=') {
      this.index++;
      return name;
    }
    this.index = start;
    return null;
  }

  private expression(): Expr {
    this.skipWhitespace();
    const ch = this.peek();
    if (ch === "'" || ch === '"') return { kind: 'literal', value: this.string(ch) };
    if (ch === '-' || (ch >= '0' && ch <= '9')) return { kind: 'literal', value: this.integer() };
    if (ch === '[') {
      this.index++;
      const items: Expr[] = [];
      this.skipWhitespace();
      if (this.peek() === ']') this.index++;
      else
        do items.push(this.expression());
        while (!this.closes(']'));
      return { kind: 'list', items };
    }
    if (ch === '{') {
      this.index++;
      const entries: [string, Expr][] = [];
      this.skipWhitespace();
      if (this.peek() === '}') this.index++;
      else
        do {
          this.skipWhitespace();
          const quote = this.peek();
          if (quote !== "'" && quote !== '"') throw new NotStatic();
          const key = this.string(quote);
          this.skipWhitespace();
          if (this.peek() !== ':') throw new NotStatic();
          this.index++;
          entries.push([key, this.expression()]);
        } while (!this.closes('}'));
      return { kind: 'dict', entries };
    }
    if (!NAME_START.test(ch)) throw new NotStatic();
    const start = this.index;
    const name = this.name();
    if (Object.hasOwn(PYTHON_CONSTANTS, name)) {
      if (this.peek() === '.' || this.peek() === '(') throw new NotStatic();
      return { kind: 'literal', value: PYTHON_CONSTANTS[name] };
    }
    this.index = start;
    return this.call();
  }

  /** A quoted string as the Jinja lexer reads it: a backslash escapes the next character, Python's escapes decoded. */
  private string(quote: string): string {
    const start = ++this.index;
    while (this.index < this.text.length && this.text.charAt(this.index) !== quote) this.index += this.text.charAt(this.index) === '\\' ? 2 : 1;
    if (this.index >= this.text.length) throw new NotStatic();
    const raw = this.text.slice(start, this.index);
    this.index++;
    // Adjacent literals concatenate in Jinja: the full path handles them.
    this.skipWhitespace();
    if (this.peek() === "'" || this.peek() === '"') throw new NotStatic();
    return decodePythonEscapes(raw);
  }

  /** Digits (with `_` separators), optionally negated; a float or a number glued to a name takes the full path. */
  private integer(): number {
    const match = /^(-\s*)?(\d[\d_]*)/.exec(this.text.slice(this.index, this.index + 40));
    if (!match) throw new NotStatic();
    this.index += match[0].length;
    const next = this.peek();
    if (next === '.' || NAME_CHAR.test(next)) throw new NotStatic();
    const value = parseInt(match[2].replace(/_/g, ''), 10);
    if (!Number.isSafeInteger(value)) throw new NotStatic();
    return match[1] ? -value : value;
  }

  private name(): string {
    const start = this.index;
    if (!NAME_START.test(this.peek())) throw new NotStatic();
    while (NAME_CHAR.test(this.peek())) this.index++;
    const name = this.text.slice(start, this.index);
    if (OPERATOR_WORDS.has(name)) throw new NotStatic();
    return name;
  }

  private peek(): string {
    return this.text.charAt(this.index);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text.charAt(this.index))) this.index++;
  }

  /** The current line and column, counted on from the previous call's position (calls come in text order). */
  private position(): { line: number; column: number } {
    for (let i = this.text.indexOf('\n', this.lineStart); i !== -1 && i < this.index; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    return { line: this.line, column: this.index - this.lineStart };
  }
}

/** The next `{{` or `{#` from `from`, or -1. */
function nextTag(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i !== -1; i = text.indexOf('{', i + 1)) {
    const next = text.charAt(i + 1);
    if (next === '{' || next === '#') return i;
  }
  return -1;
}

interface Runtime {
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
  memberLookupOrRaise(target: unknown, key: string, name: string, context: unknown): unknown;
  callWrap(fn: unknown, name: string, context: unknown, args: unknown[]): unknown;
  makeKeywordArgs(kwargs: Record<string, unknown>): Record<string, unknown>;
  suppressValue(value: unknown, autoescape: boolean): unknown;
  handleError(error: unknown, lineno: number, colno: number): unknown;
}

/** The root render function, doing what nunjucks' generated code for these parts does. */
function rootOf(parts: Part[]): StaticRoot {
  return {
    root(env, context, frame, runtime, cb) {
      const position = { line: 0, column: 0 };
      let output = '';
      try {
        const jinja = (env as { jinjaRuntime: Runtime }).jinjaRuntime;
        const autoescape = (env as { opts: { autoescape: boolean } }).opts.autoescape;
        for (const part of parts) {
          if (typeof part === 'string') output += part;
          else output += jinja.suppressValue(evaluate(part, jinja, context, frame, position), autoescape);
        }
        cb(null, output);
      } catch (error) {
        cb((runtime as Runtime).handleError(error, position.line, position.column));
      }
    },
  };
}

function evaluate(expr: Expr, runtime: Runtime, context: unknown, frame: unknown, position: { line: number; column: number }): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'list':
      return expr.items.map((item) => evaluate(item, runtime, context, frame, position));
    case 'dict': {
      const dict: Record<string, unknown> = {};
      for (const [key, value] of expr.entries) dict[key] = evaluate(value, runtime, context, frame, position);
      return dict;
    }
    case 'call': {
      position.line = expr.line;
      position.column = expr.column;
      const { path } = expr;
      let fn = runtime.contextOrFrameLookup(context, frame, path[0]);
      let name = path[0];
      for (let i = 1; i < path.length; i++) {
        fn = runtime.memberLookupOrRaise(fn, path[i], path.slice(0, i).join('.'), context);
        name = `${name}["${path[i]}"]`;
      }
      const args = expr.args.map((arg) => evaluate(arg, runtime, context, frame, position));
      if (expr.kwargs) {
        const kwargs: Record<string, unknown> = {};
        for (const [key, value] of expr.kwargs) kwargs[key] = evaluate(value, runtime, context, frame, position);
        args.push(runtime.makeKeywordArgs(kwargs));
      }
      return runtime.callWrap(fn, name, context, args);
    }
  }
}
