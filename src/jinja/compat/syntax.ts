/*
 * Parser and compiler patches for Jinja2 syntax and semantics nunjucks lacks: slices, `for ... if`, tuple
 * assignment, `set ns.attr`, `do`, Python truthiness and operators, macros that catch return() and see
 * varargs/kwargs. Patches wrap the prototype methods of nunjucks' Parser and Compiler.
 */
import { compilerModule, lexer, nodes, parserModule, type AstNode, type CompileFrame, type CompilerInstance } from './nunjucks-internals';

type Parser = any;

const Slice = nodes.Node.extend('Slice', { fields: ['start', 'stop', 'step'] });
const PyTruth = nodes.Node.extend('PyTruth', { fields: ['target'] });
export const DoNode = nodes.Node.extend('Do', { fields: ['expr'] });
/** `f(*args)` and `f(**mapping)` in a call's arguments. */
const SpreadArgs = nodes.Node.extend('SpreadArgs', { fields: ['target'] });
const SpreadKwargs = nodes.Node.extend('SpreadKwargs', { fields: ['target'] });
/** First statement of a for-loop body: forgets what the previous iteration assigned (see compileFor). */
const LoopIterationStart = nodes.Node.extend('LoopIterationStart', { fields: ['names'] });
const COMPAT_NODE_TYPES = new Set(['Slice', 'PyTruth', 'Do', 'SpreadArgs', 'SpreadKwargs']);
const PYTHON_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

const parserProto = parserModule.Parser.prototype;
const compilerProto = compilerModule.Compiler.prototype;

function wrap(proto: Record<string, any>, name: string, replacement: (original: (...args: any[]) => any) => (...args: any[]) => any): void {
  proto[name] = replacement(proto[name]);
}

function truthOf(node: AstNode): AstNode {
  return node.typename === 'PyTruth' ? node : new PyTruth(node.lineno, node.colno, node);
}

function patchParser(): void {
  wrap(
    parserProto,
    'parseAggregate',
    (original) =>
      function parseAggregate(this: Parser) {
        const open = this.peekToken();
        const isGroup = open?.type === lexer.TOKEN_LEFT_PAREN;
        if (!isGroup && open?.type !== lexer.TOKEN_LEFT_BRACKET) return original.call(this);
        this.nextToken();
        const close = isGroup ? lexer.TOKEN_RIGHT_PAREN : lexer.TOKEN_RIGHT_BRACKET;
        const list = new (isGroup ? nodes.Group : nodes.Array)(open.lineno, open.colno) as any;
        while (!this.skip(close)) {
          if (list.children.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail('parseAggregate: expected comma after expression', open.lineno, open.colno);
          // `(a,)` is a one-item tuple
          if (list.children.length > 0) list.isTuple = true;
          if (this.skip(close)) break;
          list.addChild(isGroup ? this.parseExpression() : parseElementOrSlice(this, open));
        }
        return list;
      },
  );

  // Jinja's `for x in xs if cond`: nunjucks parses `xs if cond` as an inline if without else; take it apart.
  wrap(
    parserProto,
    'parseFor',
    (original) =>
      function parseFor(this: Parser) {
        const node = original.call(this);
        if (node.arr?.typename === 'InlineIf' && node.arr.else_ === null) {
          node.loopFilter = node.arr.cond;
          node.arr = node.arr.body;
        }
        return node;
      },
  );

  // Jinja lets a test take one argument without parentheses: `x is sameas false`, `n is divisibleby 3`.
  parserProto.parseIs = function parseIs(this: Parser) {
    const node = this.parseCompare();
    if (!this.skipSymbol('is')) return node;
    const negated = this.skipSymbol('not');
    let test = this.parsePrimary(true);
    if (this.peekToken()?.type === lexer.TOKEN_LEFT_PAREN) {
      test = new nodes.FunCall(test.lineno, test.colno, test, this.parseSignature());
    } else if (startsBareTestArgument(this.peekToken())) {
      const argument = this.parsePrimary();
      test = new nodes.FunCall(test.lineno, test.colno, test, new nodes.NodeList(argument.lineno, argument.colno, [argument]));
    }
    const is = new nodes.Is(node.lineno, node.colno, node, test);
    return negated ? new nodes.Not(node.lineno, node.colno, is) : is;
  };

  // nunjucks' own argument list, plus Python's `*args` / `**kwargs` unpacking (`dispatch(...)(field_list, *varargs)`).
  parserProto.parseSignature = function parseSignature(this: Parser, tolerant?: boolean, noParens?: boolean) {
    let tok = this.peekToken();
    if (!noParens && tok.type !== lexer.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok.lineno, tok.colno);
    }
    if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = new nodes.NodeList(tok.lineno, tok.colno) as any;
    const kwargs = new nodes.KeywordArgs(tok.lineno, tok.colno) as any;
    for (let first = true; ; first = false) {
      tok = this.peekToken();
      if (!noParens && tok.type === lexer.TOKEN_RIGHT_PAREN) {
        this.nextToken();
        break;
      }
      if (noParens && tok.type === lexer.TOKEN_BLOCK_END) break;
      if (!first && !this.skip(lexer.TOKEN_COMMA)) this.fail('parseSignature: expected comma after expression', tok.lineno, tok.colno);
      const star = this.peekToken();
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
  };

  parserProto.parseSet = function parseSet(this: Parser) {
    const tag = this.peekToken();
    if (!this.skipSymbol('set')) this.fail('parseSet: expected set', tag.lineno, tag.colno);
    const node = new nodes.Set(tag.lineno, tag.colno, []) as any;
    let target;
    while ((target = this.parsePrimary())) {
      node.targets.push(target);
      if (!this.skip(lexer.TOKEN_COMMA)) break;
    }
    if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      node.value = parseTuple(this);
      this.advanceAfterBlockEnd(tag.value);
      return node;
    }
    const end = this.nextToken();
    if (!end || end.type !== lexer.TOKEN_BLOCK_END) this.fail('parseSet: expected = or block end in set tag', tag.lineno, tag.colno);
    if (end.value.charAt(0) === '-') this.dropLeadingWhitespace = true;
    node.body = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
    node.value = null;
    this.advanceAfterBlockEnd();
    return node;
  };
}

/** One subscript inside `[...]`: an expression, or a slice `start:stop:step` with any part left out. */
function parseElementOrSlice(parser: Parser, open: AstNode): AstNode {
  const parts: (AstNode | null)[] = [null];
  for (;;) {
    const next = parser.peekToken();
    if (!next) parser.fail('unexpected end of template inside [ ]', open.lineno, open.colno);
    if (next.type === lexer.TOKEN_COLON) {
      parser.nextToken();
      parts.push(null);
      continue;
    }
    if (next.type === lexer.TOKEN_COMMA || next.type === lexer.TOKEN_RIGHT_BRACKET) break;
    if (parts[parts.length - 1] !== null) parser.fail('expected , : or ] inside [ ]', next.lineno, next.colno);
    parts[parts.length - 1] = parser.parseExpression();
  }
  if (parts.length === 1) {
    if (parts[0] === null) parser.fail('expected an expression inside [ ]', open.lineno, open.colno);
    return parts[0] as AstNode;
  }
  if (parts.length > 3) parser.fail('a slice takes at most start:stop:step', open.lineno, open.colno);
  return new Slice(open.lineno, open.colno, parts[0], parts[1], parts[2] ?? null);
}

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

function startsBareTestArgument(token: { type: string; value: string } | null): boolean {
  return !!token && BARE_ARGUMENT_TOKENS.has(token.type) && !(token.type === lexer.TOKEN_SYMBOL && OPERATOR_WORDS.has(token.value));
}

/** `1, 2` after `set a, b =` is a tuple. */
function parseTuple(parser: Parser): AstNode {
  const first = parser.parseExpression();
  if (parser.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
  const tuple = new nodes.Array(first.lineno, first.colno, [first]);
  while (parser.skip(lexer.TOKEN_COMMA)) {
    if (parser.peekToken()?.type === lexer.TOKEN_BLOCK_END) break;
    (tuple as any).addChild(parser.parseExpression());
  }
  return tuple;
}

function emitCall(compiler: CompilerInstance, fn: string, args: (AstNode | null)[], frame: CompileFrame): void {
  compiler._emit(`runtime.${fn}(`);
  args.forEach((arg, i) => {
    if (i > 0) compiler._emit(', ');
    if (arg === null) compiler._emit('null');
    else compiler._compileExpression(arg, frame);
  });
  compiler._emit(')');
}

/** How Jinja2 names the value a lookup reads from: `x`, `x.y`; null when it has no simple name. */
function lookupName(node: AstNode): string | null {
  if (node.typename === 'Symbol') return String(node.value);
  const val = node.val as AstNode | undefined;
  if (node.typename === 'LookupVal' && val?.typename === 'Literal') {
    const parent = lookupName(node.target as AstNode);
    return parent === null ? null : `${parent}.${String(val.value)}`;
  }
  return null;
}

function patchOperators(): void {
  // `{{ no_such_var.attr }}` raises Jinja2's undefined error, naming the undefined value, instead of rendering empty.
  compilerProto.compileLookupVal = function compileLookupVal(this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._emit('runtime.memberLookupOrRaise((');
    this._compileExpression(node.target, frame);
    this._emit('),');
    this._compileExpression(node.val, frame);
    this._emit(`, ${JSON.stringify(lookupName(node.target as AstNode))}, context)`);
  };
  wrap(
    compilerProto,
    'assertType',
    (original) =>
      function assertType(this: CompilerInstance, node: AstNode, ...types: unknown[]) {
        if (node && COMPAT_NODE_TYPES.has(node.typename)) return;
        original.call(this, node, ...types);
      },
  );
  compilerProto.compileSlice = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._emit('new ');
    emitCall(this, 'PySlice', [node.start as AstNode, node.stop as AstNode, node.step as AstNode], frame);
  };
  compilerProto.compilePyTruth = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    emitCall(this, 'pyBool', [node.target as AstNode], frame);
  };
  // Emitted inside the array of call arguments and the keyword-arguments object literal respectively.
  compilerProto.compileSpreadArgs = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._emit('...');
    emitCall(this, 'spreadArgs', [node.target as AstNode], frame);
  };
  compilerProto.compileSpreadKwargs = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._emit('...');
    emitCall(this, 'spreadKwargs', [node.target as AstNode], frame);
  };
  compilerProto.compileLoopIterationStart = function (this: CompilerInstance, node: AstNode, _frame: CompileFrame) {
    this._emitLine(`runtime.startLoopIteration(frame, ${JSON.stringify(node.names)});`);
  };
  compilerProto.compileDo = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._compileExpression(node.expr, frame);
    this._emitLine(';');
  };
  wrap(
    compilerProto,
    'compileSymbol',
    (original) =>
      function compileSymbol(this: CompilerInstance, node: AstNode, frame: CompileFrame) {
        const literal = PYTHON_LITERALS[node.value as string];
        if (literal) this._emit(literal);
        else original.call(this, node, frame);
      },
  );
  // `(a, b)` is a tuple in Jinja; nunjucks would emit a JS comma expression and keep only b.
  wrap(
    compilerProto,
    'compileGroup',
    (original) =>
      function compileGroup(this: CompilerInstance & Record<string, any>, node: AstNode & { children: AstNode[]; isTuple?: boolean }, frame: CompileFrame) {
        if (node.children.length === 1 && !node.isTuple) original.call(this, node, frame);
        else this.compileArray(node, frame);
      },
  );
  // `{key: 1}` evaluates key as a variable in Jinja; keyword arguments `f(key=1)` keep literal names.
  compilerProto.compilePair = function compilePair(this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    const key = node.key as AstNode;
    if (key.typename === 'Literal' && typeof key.value === 'string') this.compile(key, frame);
    else {
      this._emit('[');
      this._compileExpression(key, frame);
      this._emit(']');
    }
    this._emit(': ');
    this._compileExpression(node.value, frame);
  };
  wrap(
    compilerProto,
    'compileKeywordArgs',
    (original) =>
      function compileKeywordArgs(this: CompilerInstance, node: AstNode & { children: AstNode[] }, frame: CompileFrame) {
        for (const pair of node.children) {
          const key = pair.key as AstNode | undefined;
          if (key?.typename === 'Symbol') pair.key = new nodes.Literal(key.lineno, key.colno, key.value);
        }
        original.call(this, node, frame);
      },
  );
  const binary = (name: string, fn: string) => {
    compilerProto[name] = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
      emitCall(this, fn, [node.left as AstNode, node.right as AstNode], frame);
    };
  };
  binary('compileMod', 'pyMod');
  binary('compileAdd', 'pyAdd');
  binary('compileMul', 'pyMul');
  binary('compileConcat', 'pyConcat');
  compilerProto.compileNot = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
    this._emit('!');
    emitCall(this, 'pyBool', [node.target as AstNode], frame);
  };
  // `a or b` yields a itself when a is truthy (Python truthiness), evaluating b only when needed.
  const shortCircuit = (name: string, keepLeftWhenTruthy: boolean) => {
    compilerProto[name] = function (this: CompilerInstance, node: AstNode, frame: CompileFrame) {
      const left = this._tmpid();
      this._emit(`((${left}) => runtime.pyBool(${left}) ? `);
      if (keepLeftWhenTruthy) this._emit(left);
      else this.compile(node.right, frame);
      this._emit(' : ');
      if (keepLeftWhenTruthy) this.compile(node.right, frame);
      else this._emit(left);
      this._emit(')(');
      this.compile(node.left, frame);
      this._emit(')');
    };
  };
  shortCircuit('compileOr', true);
  shortCircuit('compileAnd', false);
  for (const name of ['compileIf', 'compileInlineIf']) {
    wrap(
      compilerProto,
      name,
      (original) =>
        function (this: CompilerInstance, node: AstNode, ...rest: unknown[]) {
          node.cond = truthOf(node.cond as AstNode);
          return original.call(this, node, ...rest);
        },
    );
  }
}

function patchStatements(): void {
  wrap(
    compilerProto,
    'compileFor',
    (original) =>
      function compileFor(this: CompilerInstance, node: AstNode, frame: CompileFrame) {
        const names =
          node.name instanceof nodes.Array
            ? (node.name as any).children.map((child: AstNode) => child.value as string)
            : [(node.name as AstNode).value as string];
        const items = this._tmpid();
        this._emit(`var ${items} = runtime.loopIterable(`);
        this._compileExpression(node.arr, frame);
        this._emitLine(`, ${names.length});`);
        if (node.loopFilter) emitLoopFilter(this, items, names, node.loopFilter as AstNode, frame);
        const iterable = node.arr as AstNode;
        const alias = `__loop_items_${items}`;
        frame.set(alias, items);
        node.arr = new nodes.Symbol(iterable.lineno, iterable.colno, alias);
        // Jinja scopes `set` inside a loop to one iteration: the loop frame keeps its writes (nunjucks would write to
        // the enclosing variable) and each iteration starts from the enclosing values again, which is what makes
        // `{% set xs = xs.append(x) %}` in a loop append to the outer list every time.
        const body = node.body as AstNode;
        node.body = new nodes.NodeList(body.lineno, body.colno, [new LoopIterationStart(body.lineno, body.colno, names), body]);
        const start = this.codebuf.length;
        try {
          original.call(this, node, frame);
        } finally {
          node.arr = iterable;
          node.body = body;
        }
        const push = this.codebuf.indexOf('frame = frame.push();\n', start);
        if (push < 0) throw new Error('tsdbt cannot adapt this nunjucks version: for-loop code layout not recognized');
        this.codebuf[push] = 'frame = frame.push(true);\n';
      },
  );

  wrap(
    compilerProto,
    'compileSet',
    (original) =>
      function compileSet(this: CompilerInstance, node: AstNode & { targets: AstNode[] }, frame: CompileFrame) {
        const targets = node.targets;
        if (targets.length === 1 && targets[0].typename === 'LookupVal') {
          const target = targets[0];
          this._emit('runtime.assignAttribute(');
          this._compileExpression(target.target, frame);
          this._emit(', ');
          this._compileExpression(target.val, frame);
          this._emit(', ');
          if (node.value) this._compileExpression(node.value, frame);
          else this.compile(node.body, frame);
          this._emitLine(');');
          return;
        }
        if (targets.length === 1 || !node.value) return original.call(this, node, frame);
        const values = this._tmpid();
        this._emit(`var ${values} = runtime.unpackValues(`);
        this._compileExpression(node.value, frame);
        this._emitLine(`, ${targets.length});`);
        targets.forEach((target, i) => {
          const alias = `__unpacked_${values}_${i}`;
          frame.set(alias, `${values}[${i}]`);
          const single = new nodes.Set(target.lineno, target.colno, [target]);
          single.value = new nodes.Symbol(target.lineno, target.colno, alias);
          original.call(this, single, frame);
        });
      },
  );

  wrap(
    compilerProto,
    '_compileMacro',
    (original) =>
      function compileMacro(this: CompilerInstance, node: AstNode, frame?: CompileFrame) {
        const start = this.codebuf.length;
        const funcId = original.call(this, node, frame);
        wrapMacroBody(this.codebuf, start, node);
        return funcId;
      },
  );
}

/** Keeps only the items for which the loop's `if` holds, so loop.index and loop.last count kept items only. */
function emitLoopFilter(compiler: CompilerInstance, items: string, names: string[], condition: AstNode, frame: CompileFrame): void {
  const item = compiler._tmpid();
  const filterFrame = frame.push();
  compiler._emitLine('frame = frame.push();');
  compiler._emitLine(`${items} = ${items}.filter(function (${item}) {`);
  names.forEach((name, i) => {
    const id = compiler._tmpid();
    compiler._emitLine(`var ${id} = ${names.length > 1 ? `${item}[${i}]` : item};`);
    compiler._emitLine(`frame.set(${JSON.stringify(name)}, ${id});`);
    filterFrame.set(name, id);
  });
  compiler._emit('return ');
  emitCall(compiler, 'pyBool', [condition], filterFrame);
  compiler._emitLine(';');
  compiler._emitLine('});');
  compiler._emitLine('frame = frame.pop();');
}

/**
 * Edits the code nunjucks just emitted for a macro: restores the caller's frame even when the body throws, turns a
 * thrown MacroReturn into the macro's value (not for `call` blocks, whose return belongs to the enclosing macro), and
 * exposes `varargs`/`kwargs` when the body uses them.
 */
function wrapMacroBody(codebuf: string[], start: number, node: AstNode): void {
  const open = codebuf.indexOf('var callerFrame = frame;\n', start);
  let close = -1;
  for (let i = codebuf.length - 1; i > open && close < 0; i--) if (codebuf[i].startsWith('return new runtime.SafeString(')) close = i;
  const restore = codebuf[close - 1];
  if (open < 0 || close < 0 || (restore !== 'frame = callerFrame;\n' && restore !== 'frame = frame.pop();\n'))
    throw new Error('tsdbt cannot adapt this nunjucks version: macro code layout not recognized');
  const callerSet = codebuf.indexOf('frame.set("caller", kwargs.caller); }\n', open);
  const used = new Set((node.body as any).findAll(nodes.Symbol).map((symbol: AstNode) => symbol.value));
  const declared = (node.args as any).children.flatMap((arg: AstNode & { children?: AstNode[] }) =>
    arg.typename === 'Symbol' ? [arg.value] : (arg.children ?? []).map((pair) => (pair.key as AstNode).value),
  );
  if (used.has('kwargs')) codebuf[callerSet] += `frame.set("kwargs", runtime.macroKwargs(kwargs, ${JSON.stringify(declared)}));\n`;
  if (used.has('varargs')) codebuf[callerSet] += 'frame.set("varargs", runtime.macroVarargs(kwargs));\n';
  codebuf[open] += 'try {\n';
  codebuf[close - 1] = '';
  const catchReturn = node.typename === 'Caller' ? '' : 'catch (e) { if (e instanceof runtime.MacroReturn) { return e.value; } throw e; } ';
  codebuf[close] += `} ${catchReturn}finally { frame = callerFrame; }\n`;
}

let installed = false;

export function installSyntaxPatches(): void {
  if (installed) return;
  installed = true;
  patchParser();
  patchOperators();
  patchStatements();
}
