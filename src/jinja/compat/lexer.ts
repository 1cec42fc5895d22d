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

const { TOKEN_BLOCK_END, TOKEN_VARIABLE_END, TOKEN_RIGHT_CURLY, TOKEN_SYMBOL, TOKEN_INT, TOKEN_FLOAT } = lexer;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;

export class JinjaTokenizer extends NunjucksTokenizer {
  /** `{` opened inside the current tag and not yet closed. */
  private openCurlies = 0;

  // The hottest function of template compilation: character codes and constants only.
  nextToken(): Token | null {
    if (this.in_code) {
      const code = this.str.charCodeAt(this.index);
      if (code === CLOSE_CURLY && this.openCurlies > 0) {
        const token = { type: TOKEN_RIGHT_CURLY, value: '}', lineno: this.lineno, colno: this.colno };
        this.forward();
        this.openCurlies--;
        return token;
      }
      if (code === OPEN_CURLY) this.openCurlies++;
    }
    const token = super.nextToken();
    if (token === null) return token;
    const type = token.type;
    if (type === TOKEN_BLOCK_END || type === TOKEN_VARIABLE_END) this.openCurlies = 0;
    // Python's digit separators: `1_000`
    else if (type === TOKEN_SYMBOL && token.value.charCodeAt(0) <= 57 && /^\d[\d_]*$/.test(token.value))
      return { ...token, type: TOKEN_INT, value: token.value.replace(/_/g, '') };
    // `1.` followed by a name is the integer 1 and an attribute access (`people.1.name`), as in Jinja2.
    else if (type === TOKEN_FLOAT && token.value.endsWith('.')) {
      this.index--;
      this.colno--;
      return { ...token, type: TOKEN_INT, value: token.value.slice(0, -1) };
    }
    if ((type === TOKEN_FLOAT || type === TOKEN_SYMBOL) && token.value.charCodeAt(0) <= 57) return this.withExponent(token);
    return token;
  }

  /**
   * Python's exponent floats, which nunjucks splits: `1e20` (a name to it), `1e-5` (`1e`, `-`, `5`) and `1.5e3`
   * (`1.5`, `e3`).
   */
  private withExponent(token: Token): Token {
    const text = token.value;
    if (/^\d[\d_]*[eE]\d+$/.test(text)) return { ...token, type: TOKEN_FLOAT, value: text };
    const rest = this.str.slice(this.index, this.index + 32);
    const tail = /^\d[\d_]*[eE]$/.test(text) ? /^[-+]\d+/.exec(rest) : token.type === TOKEN_FLOAT ? /^[eE][-+]?\d+/.exec(rest) : null;
    if (!tail) return token;
    for (let i = 0; i < tail[0].length; i++) this.forward();
    return { ...token, type: TOKEN_FLOAT, value: text + tail[0] };
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
