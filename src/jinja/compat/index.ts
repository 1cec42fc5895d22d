/*
 * Makes nunjucks 3.2.4 render dbt's Jinja2 the way dbt does. The parser, compiler and runtime patches are installed
 * once, process-wide, into the nunjucks modules (compiled templates call the runtime module); filters, tests,
 * globals and the `do` tag are installed per environment.
 */
import nunjucks from 'nunjucks';
import { installBuiltins } from './builtins';
import { installRuntimeHelpers } from './runtime-helpers';
import { DoNode, installSyntaxPatches } from './syntax';

export { MacroReturn, callMacroCatchingReturn, keywordArgs, wrapMacro } from './macro-return';
export { percentFormat, strFormat } from './python-format';
export { PySlice, pyMemberLookup, splitCallArgs } from './python-methods';
export { DICT_LIKE, isMapping, pyBool, pyJsonDumps, pyRepr, pyStr, type JsonOptions } from './python-values';

/**
 * Source rewrites Jinja2 accepts and nunjucks does not. Same length per line, so errors keep their file:line;
 * idempotent, so running it more than once is harmless.
 */
export function preprocessJinja(source: string): string {
  // `{%+` / `+%}` only switch off lstrip_blocks/trim_blocks, which dbt leaves off anyway.
  return source.replace(/\{%\+/g, '{% ').replace(/\+%\}/g, ' %}');
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

let patched = false;

export function createJinjaEnvironment(): nunjucks.Environment {
  if (!patched) {
    installRuntimeHelpers();
    installSyntaxPatches();
    patched = true;
  }
  const env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false });
  env.addExtension('JinjaCompat', new JinjaCompatExtension());
  installBuiltins(env);
  return env;
}
