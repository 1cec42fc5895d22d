/*
 * Jinja2's lexer rules where nunjucks' tokenizer differs: string literals decode Python's escapes, and `}` closes an
 * open `{` inside an expression before it can end the tag (`{{ {"a": {"b": 1}} }}`).
 */
import { lexer } from './nunjucks-internals';

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface TokenizerInstance {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  current(): string;
  forward(): void;
  isFinished(): boolean;
  nextToken(): Token | null;
}

type TokenizerClass = new (source: string, opts: object) => TokenizerInstance;

/** nunjucks exports only a factory for its tokenizer; its class is the prototype's constructor. */
const lex = (lexer as unknown as { lex(source: string, opts: object): object }).lex;
const NunjucksTokenizer = Object.getPrototypeOf(lex('', {})).constructor as TokenizerClass;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g;

/**
 * A string literal's text as Python's `unicode-escape` decodes it (what Jinja2 does): known escapes are replaced, a
 * backslash before a newline drops both, and any other backslash stays (`'\d+\.\s'` keeps its backslashes).
 */
export function decodePythonEscapes(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('\\')) return text;
  return text.replace(ESCAPE, (whole, escape: string) => {
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) return simple;
    const kind = escape.charAt(0);
    if (kind === 'x' || kind === 'u' || kind === 'U') return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCodePoint(parseInt(escape, 8));
    return whole;
  });
}

export class JinjaTokenizer extends NunjucksTokenizer {
  /** `{` opened inside the current tag and not yet closed. */
  private openCurlies = 0;

  nextToken(): Token | null {
    if (this.in_code && !this.isFinished()) {
      const current = this.current();
      if (current === '}' && this.openCurlies > 0) {
        const token = { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: this.lineno, colno: this.colno };
        this.forward();
        this.openCurlies--;
        return token;
      }
      if (current === '{') this.openCurlies++;
    }
    const token = super.nextToken();
    if (token && (token.type === lexer.TOKEN_BLOCK_END || token.type === lexer.TOKEN_VARIABLE_END)) this.openCurlies = 0;
    // Python's digit separators: `1_000`
    else if (token?.type === lexer.TOKEN_SYMBOL && /^\d[\d_]*$/.test(token.value))
      return { ...token, type: lexer.TOKEN_INT, value: token.value.replace(/_/g, '') };
    return token;
  }

  /** Replaces nunjucks' string scanner, which knows only \n, \t and \r and drops every other backslash. */
  _parseString(delimiter: string): string {
    this.forward();
    const start = this.index;
    while (!this.isFinished() && this.current() !== delimiter) {
      if (this.current() === '\\') this.forward();
      this.forward();
    }
    const raw = this.str.slice(start, this.index);
    this.forward();
    return decodePythonEscapes(raw);
  }
}
