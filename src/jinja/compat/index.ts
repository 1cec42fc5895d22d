/*
 * Makes nunjucks 3.2.4 render dbt's Jinja2 the way dbt does, through nunjucks' extension points only: templates are
 * compiled by our subclasses of its lexer, parser and compiler (compileJinja) and run against the environment's own
 * runtime object; filters, tests, globals and the `do` tag are registered on the environment. Nothing of nunjucks
 * itself is changed, so other nunjucks users in the process are unaffected.
 */
import nunjucks from 'nunjucks';
import { installBuiltins } from './builtins';
import { compileJinja } from './compiler';
import { DoNode } from './nodes';
import { createJinjaRuntime } from './runtime-helpers';

const nunjucksLib = require('nunjucks/src/lib') as { _prettifyError(path: string, withInternals: unknown, error: unknown): Error };

export { compileJinja } from './compiler';
export { macroLocationOf } from './macro-errors';
export { MacroReturn, callMacroCatchingReturn, keywordArgs, wrapMacro } from './macro-return';
export { percentFormat, strFormat } from './python-format';
export { PySlice, pyMemberLookup, splitCallArgs } from './python-methods';
export { DICT_LIKE, PyFloat, PySet, asFloat, isMapping, pyBool, pyJsonDumps, pyRepr, pyStr, pyTuple, withToDict, type JsonOptions } from './python-values';

/**
 * Source rewrites Jinja2 accepts and nunjucks does not. Same length per line, so errors keep their file:line;
 * idempotent, so running it more than once is harmless.
 */
function preprocessJinja(source: string): string {
  // `{%+` / `+%}` only switch off lstrip_blocks/trim_blocks, which dbt leaves off anyway. Jinja2 reads every line
  // ending as `\n`.
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return text.replace(/\{%\+/g, '{% ').replace(/\+%\}/g, ' %}');
}

/** Jinja2's keep_trailing_newline=False: one newline at the end of the template source is not output. */
function dropTrailingNewline(source: string): string {
  if (source.endsWith('\r\n')) return source.slice(0, -2);
  return source.endsWith('\n') ? source.slice(0, -1) : source;
}

/** `{% do expr %}`: evaluates expr for its side effects (`{% do cols.append('a') %}`), outputs nothing. */
class JinjaCompatExtension {
  readonly tags = ['do'];

  parse(parser: any, _nodes: unknown, _lexer: unknown): unknown {
    const tag = parser.nextToken();
    const expression = parser.parseExpression();
    parser.advanceAfterBlockEnd(tag.value);
    return new DoNode(tag.lineno, tag.colno, expression);
  }

  preprocess(source: string): string {
    return dropTrailingNewline(preprocessJinja(source));
  }
}

export function createJinjaEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false });
  (env as unknown as { jinjaRuntime: unknown }).jinjaRuntime = createJinjaRuntime();
  env.addExtension('JinjaCompat', new JinjaCompatExtension());
  installBuiltins(env);
  return env;
}

/** A template compiled with Jinja2's syntax; `code` is compileJinja's output when already at hand (cached). */
export function jinjaTemplate(env: nunjucks.Environment, source: string, file: string, code?: string): nunjucks.Template {
  let compiled = code;
  try {
    compiled ??= compileJinja(source, env as never, file);
  } catch (error) {
    // As nunjucks reports its own compile errors: `(file) [Line n, Column m]` before the message.
    throw nunjucksLib._prettifyError(file, (env as unknown as { opts: { dev?: boolean } }).opts.dev, error);
  }
  // nunjucks accepts precompiled code as { type: 'code', obj } (its typings only list strings).
  const precompiled = { type: 'code', obj: new Function(compiled)() } as unknown as string;
  return new nunjucks.Template(precompiled, env, file, true);
}
