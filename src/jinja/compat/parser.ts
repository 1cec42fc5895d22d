/*
 * nunjucks' parser extended to Jinja2's grammar as dbt uses it: slices, tuples, `for ... if`, tuple assignment,
 * `set ns.attr`, tests with a bare argument, `*args`/`**kwargs`, trailing commas, any expression as a dict key,
 * adjacent string literals, `{% break %}`/`{% continue %}`.
 */
import { JinjaTokenizer } from './lexer';
import { LoopControl, Slice, SpreadArgs, SpreadKwargs, WithBlock } from './nodes';
import { lexer, nodes, parserModule, type AstNode } from './nunjucks-internals';
import { asFloat } from './python-values';

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

const NunjucksParser = parserModule.Parser as unknown as new (tokens: unknown) => any;

const BARE_ARGUMENT_TOKENS = new Set([
  lexer.TOKEN_STRING,
  lexer.TOKEN_INT,
  lexer.TOKEN_FLOAT,
  lexer.TOKEN_BOOLEAN,
  lexer.TOKEN_NONE,
  lexer.TOKEN_SYMBOL,
  lexer.TOKEN_LEFT_BRACKET,
  lexer.TOKEN_LEFT_CURLY,
]);
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);

function startsBareTestArgument(token: Token | null): boolean {
  return !!token && BARE_ARGUMENT_TOKENS.has(token.type) && !(token.type === lexer.TOKEN_SYMBOL && OPERATOR_WORDS.has(token.value));
}

export class JinjaParser extends NunjucksParser {
  declare peekToken: () => Token | null;
  declare nextToken: () => Token;
  declare skip: (type: string) => boolean;
  declare skipSymbol: (value: string) => boolean;
  declare skipValue: (type: string, value: string) => boolean;
  declare fail: (message: string, lineno?: number, colno?: number) => never;
  declare parseExpression: () => AstNode;
  declare parseCompare: () => AstNode;
  declare parseFilter: (node: AstNode) => AstNode;
  declare parseUntilBlocks: (...names: string[]) => AstNode;
  declare advanceAfterBlockEnd: (name?: string) => Token;
  declare breakOnBlocks: string[] | null;
  declare tokens: { _extractRegex(regex: RegExp): unknown };
  declare dropLeadingWhitespace: boolean;

  parseStatement(): AstNode | null {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_SYMBOL && (tok.value === 'break' || tok.value === 'continue') && !this.breakOnBlocks?.includes(tok.value)) {
      this.nextToken();
      this.advanceAfterBlockEnd(tok.value);
      return new LoopControl(tok.lineno, tok.colno, tok.value);
    }
    if (tok?.type === lexer.TOKEN_SYMBOL && tok.value === 'with' && !this.breakOnBlocks?.includes('with')) return this.parseWith(tok);
    return super.parseStatement();
  }

  /** `{% raw %}...{% endraw %}` kept as text up to the first endraw (no nesting, as in Jinja2), with whitespace control. */
  parseRaw(tagName = 'raw'): AstNode {
    const endName = `end${tagName}`;
    const begun = this.advanceAfterBlockEnd();
    const stripStart = this.dropLeadingWhitespace;
    this.dropLeadingWhitespace = false;
    const match = this.tokens._extractRegex(new RegExp(`([\\s\\S]*?){%(-?)\\s*${endName}\\s*(-?)%}`)) as RegExpMatchArray | null;
    if (!match) this.fail(`expected {% ${endName} %}`, begun.lineno, begun.colno);
    const [, body, dashBefore, dashAfter] = match;
    let text = dashBefore ? body.trimEnd() : body;
    if (stripStart) text = text.trimStart();
    if (dashAfter) this.dropLeadingWhitespace = true;
    return new nodes.Output(begun.lineno, begun.colno, [new nodes.TemplateData(begun.lineno, begun.colno, text)]);
  }

  private parseWith(tag: Token): AstNode {
    this.nextToken();
    const targets: AstNode[] = [];
    const values: AstNode[] = [];
    while (this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) {
      if (targets.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail('expected comma between with assignments', tag.lineno, tag.colno);
      const target = this.nextToken();
      if (target?.type !== lexer.TOKEN_SYMBOL) this.fail('expected a name to assign in with', tag.lineno, tag.colno);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) this.fail('expected = after the name in with', target.lineno, target.colno);
      targets.push(new nodes.Symbol(target.lineno, target.colno, target.value));
      values.push(this.parseExpression());
    }
    this.advanceAfterBlockEnd(tag.value);
    const body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    // NodeLists, so that nunjucks' tree walks (findAll, the transformer) see inside.
    const list = (children: AstNode[]) => new nodes.NodeList(tag.lineno, tag.colno, children);
    return new WithBlock(tag.lineno, tag.colno, list(targets), list(values), body);
  }

  /** nunjucks' postfix operators, plus Jinja2's `xs.0` for `xs[0]`. */
  parsePostfix(node: AstNode): AstNode {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        const lookup = this.parseAggregate() as AstNode & { children: AstNode[] };
        if (lookup.children.length > 1) this.fail('invalid index', tok.lineno, tok.colno);
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, lookup.children[0]);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (name?.type !== lexer.TOKEN_SYMBOL && name?.type !== lexer.TOKEN_INT)
          this.fail(`expected name as lookup value, got ${name?.value}`, tok.lineno, tok.colno);
        const key = name.type === lexer.TOKEN_INT ? parseInt(name.value, 10) : name.value;
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, new nodes.Literal(name.lineno, name.colno, key));
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  /** Adjacent string literals are one string, as in Python: `"a" "b"` is `"ab"`. */
  parsePrimary(noPostfix?: boolean): AstNode {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_FLOAT) {
      this.nextToken();
      const literal = new nodes.Literal(tok.lineno, tok.colno, asFloat(parseFloat(tok.value.replace(/_/g, ''))));
      return noPostfix ? literal : this.parsePostfix(literal);
    }
    if (tok?.type !== lexer.TOKEN_STRING) return super.parsePrimary(noPostfix);
    this.nextToken();
    let value = tok.value;
    while (this.peekToken()?.type === lexer.TOKEN_STRING) value += this.nextToken().value;
    const literal = new nodes.Literal(tok.lineno, tok.colno, value);
    return noPostfix ? literal : this.parsePostfix(literal);
  }

  /** Lists (with slices in subscripts), tuples `(a,)` and dicts whose keys are any expression; trailing commas allowed. */
  parseAggregate(): AstNode | null {
    const open = this.peekToken();
    if (open?.type === lexer.TOKEN_LEFT_CURLY) return this.parseDict(open);
    const isGroup = open?.type === lexer.TOKEN_LEFT_PAREN;
    if (!open || (!isGroup && open.type !== lexer.TOKEN_LEFT_BRACKET)) return super.parseAggregate();
    this.nextToken();
    const close = isGroup ? lexer.TOKEN_RIGHT_PAREN : lexer.TOKEN_RIGHT_BRACKET;
    const list = new (isGroup ? nodes.Group : nodes.Array)(open.lineno, open.colno) as any;
    while (!this.skip(close)) {
      if (list.children.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail('expected comma after expression', open.lineno, open.colno);
      // `(a,)` is a one-item tuple
      if (list.children.length > 0) list.isTuple = true;
      if (this.skip(close)) break;
      list.addChild(isGroup ? this.parseExpression() : this.parseElementOrSlice(open));
    }
    if (isGroup && list.children.length === 0) list.isTuple = true;
    return list;
  }

  private parseDict(open: Token): AstNode {
    this.nextToken();
    const dict = new nodes.Dict(open.lineno, open.colno) as any;
    while (!this.skip(lexer.TOKEN_RIGHT_CURLY)) {
      if (dict.children.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail('expected comma between dict items', open.lineno, open.colno);
      if (this.skip(lexer.TOKEN_RIGHT_CURLY)) break;
      const key = this.parseExpression();
      if (!this.skip(lexer.TOKEN_COLON)) this.fail('expected colon after dict key', key.lineno, key.colno);
      dict.addChild(new nodes.Pair(key.lineno, key.colno, key, this.parseExpression()));
    }
    return dict;
  }

  /** One subscript inside `[...]`: an expression, or a slice `start:stop:step` with any part left out. */
  private parseElementOrSlice(open: Token): AstNode {
    const parts: (AstNode | null)[] = [null];
    for (;;) {
      const next = this.peekToken();
      if (!next) this.fail('unexpected end of template inside [ ]', open.lineno, open.colno);
      if (next.type === lexer.TOKEN_COLON) {
        this.nextToken();
        parts.push(null);
        continue;
      }
      if (next.type === lexer.TOKEN_COMMA || next.type === lexer.TOKEN_RIGHT_BRACKET) break;
      if (parts[parts.length - 1] !== null) this.fail('expected , : or ] inside [ ]', next.lineno, next.colno);
      parts[parts.length - 1] = this.parseExpression();
    }
    if (parts.length === 1) {
      if (parts[0] === null) this.fail('expected an expression inside [ ]', open.lineno, open.colno);
      return parts[0] as AstNode;
    }
    if (parts.length > 3) this.fail('a slice takes at most start:stop:step', open.lineno, open.colno);
    return new Slice(open.lineno, open.colno, parts[0], parts[1], parts[2] ?? null);
  }

  // Jinja2's conditional expression: the else branch is itself one, so `a if b else c if d else e` chains.
  parseInlineIf(): AstNode {
    let node = this.parseOr();
    while (this.skipSymbol('if')) {
      const inline = new nodes.InlineIf(node.lineno, node.colno) as AstNode;
      inline.body = node;
      inline.cond = this.parseOr();
      inline.else_ = this.skipSymbol('else') ? this.parseInlineIf() : null;
      node = inline;
    }
    return node;
  }

  // Jinja's `for x in xs if cond`: nunjucks parses `xs if cond` as an inline if without else; take it apart.
  parseFor(): AstNode {
    const node = super.parseFor();
    const arr = node.arr as AstNode | undefined;
    if (arr?.typename === 'InlineIf' && arr.else_ === null) {
      node.loopFilter = arr.cond;
      node.arr = arr.body;
    }
    return node;
  }

  // Jinja lets a test take one argument without parentheses: `x is sameas false`, `n is divisibleby 3`.
  parseIs(): AstNode {
    const node = this.parseCompare();
    if (!this.skipSymbol('is')) return node;
    const negated = this.skipSymbol('not');
    let test = super.parsePrimary(true) as AstNode;
    if (this.peekToken()?.type === lexer.TOKEN_LEFT_PAREN) {
      test = new nodes.FunCall(test.lineno, test.colno, test, this.parseSignature());
    } else if (startsBareTestArgument(this.peekToken())) {
      const argument = this.parsePrimary();
      test = new nodes.FunCall(test.lineno, test.colno, test, new nodes.NodeList(argument.lineno, argument.colno, [argument]));
    }
    const is = new nodes.Is(node.lineno, node.colno, node, test);
    return negated ? new nodes.Not(node.lineno, node.colno, is) : is;
  }

  // nunjucks' argument list, plus Python's `*args` / `**kwargs` unpacking and a trailing comma.
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode | null {
    let tok = this.peekToken() as Token;
    if (!noParens && tok.type !== lexer.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok.lineno, tok.colno);
    }
    if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = new nodes.NodeList(tok.lineno, tok.colno) as any;
    const kwargs = new nodes.KeywordArgs(tok.lineno, tok.colno) as any;
    for (let first = true; ; first = false) {
      tok = this.peekToken() as Token;
      if (!noParens && tok.type === lexer.TOKEN_RIGHT_PAREN) {
        this.nextToken();
        break;
      }
      if (noParens && tok.type === lexer.TOKEN_BLOCK_END) break;
      if (!first && !this.skip(lexer.TOKEN_COMMA)) this.fail('expected comma after argument', tok.lineno, tok.colno);
      if (!first && !noParens && this.skip(lexer.TOKEN_RIGHT_PAREN)) break;
      const star = this.peekToken() as Token;
      if (star.type === lexer.TOKEN_OPERATOR && (star.value === '*' || star.value === '**')) {
        this.nextToken();
        const target = this.parseExpression();
        if (star.value === '*') args.addChild(new SpreadArgs(star.lineno, star.colno, target));
        else kwargs.addChild(new SpreadKwargs(star.lineno, star.colno, target));
        continue;
      }
      const arg = this.parseExpression();
      if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) kwargs.addChild(new nodes.Pair(arg.lineno, arg.colno, arg, this.parseExpression()));
      else args.addChild(arg);
    }
    if (kwargs.children.length) args.addChild(kwargs);
    return args;
  }

  parseSet(): AstNode {
    const tag = this.peekToken() as Token;
    if (!this.skipSymbol('set')) this.fail('expected set', tag.lineno, tag.colno);
    const node = new nodes.Set(tag.lineno, tag.colno, []) as any;
    let target;
    while ((target = super.parsePrimary())) {
      node.targets.push(target);
      if (!this.skip(lexer.TOKEN_COMMA)) break;
    }
    if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      node.value = this.parseTuple();
      this.advanceAfterBlockEnd(tag.value);
      return node;
    }
    // `{% set x | upper %}...{% endset %}` filters the captured text.
    const capture = new nodes.Capture(tag.lineno, tag.colno, null) as any;
    const filtered = this.peekToken()?.type === lexer.TOKEN_PIPE ? this.parseFilter(capture) : capture;
    const end = this.nextToken();
    if (!end || end.type !== lexer.TOKEN_BLOCK_END) this.fail('expected =, | or block end in set tag', tag.lineno, tag.colno);
    if (end.value.charAt(0) === '-') this.dropLeadingWhitespace = true;
    capture.body = this.parseUntilBlocks('endset');
    node.body = filtered;
    node.value = null;
    this.advanceAfterBlockEnd();
    return node;
  }

  /** `1, 2` after `set x =` is a tuple. */
  private parseTuple(): AstNode {
    const first = this.parseExpression();
    if (this.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
    const tuple = new nodes.Group(first.lineno, first.colno, [first]) as any;
    tuple.isTuple = true;
    while (this.skip(lexer.TOKEN_COMMA)) {
      if (this.peekToken()?.type === lexer.TOKEN_BLOCK_END) break;
      tuple.addChild(this.parseExpression());
    }
    return tuple;
  }
}

/** Parses a template's source (after the extensions' preprocessing) with Jinja2's lexer and grammar. */
export function parseJinja(source: string, extensions: unknown[], opts: object): AstNode {
  const parser = new JinjaParser(new JinjaTokenizer(source, opts));
  parser.extensions = extensions;
  return parser.parseAsRoot();
}
