/*
 * nunjucks' code generator extended to Jinja2's semantics: Python truthiness and operators, tuples, slices, loop
 * scoping and loop controls, macros that catch return() and see varargs/kwargs. Compiled code calls the helpers of
 * the environment's own runtime (see runtime-helpers.ts), never a patched nunjucks module.
 */
import { COMPAT_EXPRESSION_TYPES, LoopBodyEnd, LoopElseStart, LoopIterationStart, OutputName, PyTruth } from './nodes';
import { compilerModule, nodes, type AstNode, type CompileFrame } from './nunjucks-internals';
import { parseJinja } from './parser';
import { PyFloat } from './python-values';

const transformer = require('nunjucks/src/transformer') as { transform(ast: AstNode, asyncFilters: unknown, name: string): AstNode };

const NunjucksCompiler = compilerModule.Compiler as unknown as new (name: string, throwOnUndefined?: boolean) => any;
const PYTHON_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };
type Node = AstNode & Record<string, any>;

function truthOf(node: AstNode): AstNode {
  return node.typename === 'PyTruth' ? node : new PyTruth(node.lineno, node.colno, node);
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

export class JinjaCompiler extends NunjucksCompiler {
  declare codebuf: string[];
  declare _emit: (code: string) => void;
  declare _emitLine: (code: string) => void;
  declare _tmpid: () => string;
  declare _compileExpression: (node: unknown, frame: CompileFrame) => void;
  declare _compileAggregate: (node: unknown, frame: CompileFrame, open: string, close: string) => void;
  declare compile: (node: unknown, frame?: CompileFrame) => void;
  declare fail: (message: string, lineno?: number, colno?: number) => never;
  declare templateName: string;
  /** for-loops enclosing the code being compiled, within the current macro: where break/continue may stand. */
  private loopDepth = 0;
  private namingDepth = 0;

  /** Every compiled function starts by switching to the environment's runtime (nunjucks passes its own). */
  _emitFuncBegin(node: AstNode, name: string): void {
    super._emitFuncBegin(node, name);
    this._emitLine('runtime = env.jinjaRuntime;');
  }

  assertType(node: AstNode, ...types: unknown[]): void {
    if (node && COMPAT_EXPRESSION_TYPES.has(node.typename)) return;
    super.assertType(node, ...types);
  }

  /** Names shown in "Unable to call" errors, made safe for the JS string literal they are emitted into. */
  _getNodeName(node: AstNode): string {
    this.namingDepth++;
    try {
      const name = String(super._getNodeName(node));
      // nunjucks builds `a["b"]` names recursively; escape once, on the whole name.
      if (this.namingDepth > 1) return name;
      return name.replace(/[\\\n\r\u2028\u2029]/g, (ch) => (ch === '\\' ? '\\\\' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
    } finally {
      this.namingDepth--;
    }
  }

  private emitCall(fn: string, args: (AstNode | null)[], frame: CompileFrame): void {
    this._emit(`runtime.${fn}(`);
    args.forEach((arg, i) => {
      if (i > 0) this._emit(', ');
      if (arg === null) this._emit('null');
      else this._compileExpression(arg, frame);
    });
    this._emit(')');
  }

  compileSlice(node: Node, frame: CompileFrame): void {
    this._emit('new ');
    this.emitCall('PySlice', [node.start, node.stop, node.step], frame);
  }

  compilePyTruth(node: Node, frame: CompileFrame): void {
    this.emitCall('pyBool', [node.target], frame);
  }

  // Emitted inside the array of call arguments and the keyword-arguments object literal respectively.
  compileSpreadArgs(node: Node, frame: CompileFrame): void {
    this._emit('...');
    this.emitCall('spreadArgs', [node.target], frame);
  }

  compileSpreadKwargs(node: Node, frame: CompileFrame): void {
    this._emit('...');
    this.emitCall('spreadKwargs', [node.target], frame);
  }

  compileLoopIterationStart(node: Node): void {
    this._emitLine(`runtime.startLoopIteration(frame, ${JSON.stringify(node.names)});`);
  }

  compileLoopControl(node: Node): void {
    if (this.loopDepth === 0) this.fail(`'${node.keyword}' is only allowed inside a for loop`, node.lineno, node.colno);
    this._emitLine(`${node.keyword};`);
  }

  /** The values are computed in the enclosing scope, then visible (and assignable) only inside the block. */
  compileWithBlock(node: Node, frame: CompileFrame): void {
    const ids = (node.values.children as AstNode[]).map((value) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this._compileExpression(value, frame);
      this._emitLine(';');
      return id;
    });
    const inner = frame.push();
    this._emitLine('frame = frame.push(true);');
    (node.targets.children as AstNode[]).forEach((target, k) => {
      this._emitLine(`frame.set(${JSON.stringify(target.value)}, ${ids[k]});`);
      inner.set(target.value as string, ids[k]);
    });
    this.compile(node.body, inner);
    this._emitLine('frame = frame.pop();');
  }

  compileDo(node: Node, frame: CompileFrame): void {
    this._compileExpression(node.expr, frame);
    this._emitLine(';');
  }

  /** `{{ no_such_var.attr }}` raises Jinja2's undefined error, naming the undefined value, instead of rendering empty. */
  compileLookupVal(node: Node, frame: CompileFrame): void {
    this._emit('runtime.memberLookupOrRaise((');
    this._compileExpression(node.target, frame);
    this._emit('),');
    this._compileExpression(node.val, frame);
    this._emit(`, ${JSON.stringify(lookupName(node.target as AstNode))}, context)`);
  }

  // `{{ name }}` with an undefined name renders empty, as in dbt, but says so (see runtime warnUndefinedOutput).
  compileOutput(node: Node, frame: CompileFrame): void {
    node.children = (node.children as AstNode[]).map((child) =>
      child.typename === 'Symbol' && !PYTHON_LITERALS[child.value as string] ? new OutputName(child.lineno, child.colno, child) : child,
    );
    super.compileOutput(node, frame);
  }

  compileOutputName(node: Node, frame: CompileFrame): void {
    const target = node.target as AstNode;
    this._emit('runtime.warnUndefinedOutput((');
    this._compileExpression(target, frame);
    this._emit(`), ${JSON.stringify(target.value)}, ${JSON.stringify(String(this.templateName ?? ''))}, ${target.lineno + 1}, context)`);
  }

  compileSymbol(node: Node, frame: CompileFrame): void {
    const literal = PYTHON_LITERALS[node.value as string];
    if (literal) this._emit(literal);
    else super.compileSymbol(node, frame);
  }

  // `(a, b)` is a tuple in Jinja; nunjucks would emit a JS comma expression and keep only b.
  compileGroup(node: Node, frame: CompileFrame): void {
    if (node.children.length === 1 && !node.isTuple) return super.compileGroup(node, frame);
    this._emit('runtime.pyTuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  // `{key: 1}` evaluates key as an expression in Jinja; keyword arguments `f(key=1)` keep literal names.
  compilePair(node: Node, frame: CompileFrame): void {
    const key = node.key as AstNode;
    if (key.typename === 'Literal' && typeof key.value === 'string') this.compile(key, frame);
    else {
      this._emit('[');
      this._compileExpression(key, frame);
      this._emit(']');
    }
    this._emit(': ');
    this._compileExpression(node.value, frame);
  }

  compileKeywordArgs(node: Node, frame: CompileFrame): void {
    for (const pair of node.children as AstNode[]) {
      const key = pair.key as AstNode | undefined;
      if (key?.typename === 'Symbol') pair.key = new nodes.Literal(key.lineno, key.colno, key.value);
    }
    super.compileKeywordArgs(node, frame);
  }

  compileMod(node: Node, frame: CompileFrame): void {
    this.emitCall('pyMod', [node.left, node.right], frame);
  }

  compileAdd(node: Node, frame: CompileFrame): void {
    this.emitCall('pyAdd', [node.left, node.right], frame);
  }

  compileDiv(node: Node, frame: CompileFrame): void {
    this.emitCall('pyDiv', [node.left, node.right], frame);
  }

  compileFloorDiv(node: Node, frame: CompileFrame): void {
    this.emitCall('pyFloorDiv', [node.left, node.right], frame);
  }

  compilePow(node: Node, frame: CompileFrame): void {
    this.emitCall('pyPow', [node.left, node.right], frame);
  }

  compileNeg(node: Node, frame: CompileFrame): void {
    this.emitCall('pyNeg', [node.target], frame);
  }

  /** A float literal with a whole value (`2.0`) stays a float. */
  compileLiteral(node: Node, frame: CompileFrame): void {
    if (node.value instanceof PyFloat) this._emit(`new runtime.PyFloat(${node.value.value})`);
    else super.compileLiteral(node, frame);
  }

  compileSub(node: Node, frame: CompileFrame): void {
    this.emitCall('pySub', [node.left, node.right], frame);
  }

  compileMul(node: Node, frame: CompileFrame): void {
    this.emitCall('pyMul', [node.left, node.right], frame);
  }

  compileConcat(node: Node, frame: CompileFrame): void {
    this.emitCall('pyConcat', [node.left, node.right], frame);
  }

  compileNot(node: Node, frame: CompileFrame): void {
    this._emit('!');
    this.emitCall('pyBool', [node.target], frame);
  }

  compileOr(node: Node, frame: CompileFrame): void {
    this.shortCircuit(node, frame, true);
  }

  compileAnd(node: Node, frame: CompileFrame): void {
    this.shortCircuit(node, frame, false);
  }

  /** `a or b` yields a itself when a is truthy (Python truthiness), evaluating b only when needed. */
  private shortCircuit(node: Node, frame: CompileFrame, keepLeftWhenTruthy: boolean): void {
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
  }

  compileIf(node: Node, frame: CompileFrame, async?: boolean): void {
    node.cond = truthOf(node.cond);
    super.compileIf(node, frame, async);
  }

  compileInlineIf(node: Node, frame: CompileFrame): void {
    node.cond = truthOf(node.cond);
    super.compileInlineIf(node, frame);
  }

  compileFor(node: Node, frame: CompileFrame): void {
    const names: string[] = node.name instanceof nodes.Array ? (node.name as Node).children.map((child: AstNode) => child.value as string) : [node.name.value];
    const items = this._tmpid();
    this._emit(`var ${items} = runtime.loopIterable(`);
    this._compileExpression(node.arr, frame);
    this._emitLine(`, ${names.length});`);
    if (node.loopFilter) this.emitLoopFilter(items, names, node.loopFilter, frame);
    const iterable = node.arr as AstNode;
    const alias = `__loop_items_${items}`;
    frame.set(alias, items);
    node.arr = new nodes.Symbol(iterable.lineno, iterable.colno, alias);
    // Jinja scopes `set` inside a loop to one iteration: the loop frame keeps its writes (nunjucks would write to
    // the enclosing variable) and each iteration starts from the enclosing values again, which is what makes
    // `{% set xs = xs.append(x) %}` in a loop append to the outer list every time.
    const body = node.body as AstNode;
    const bodyParts = [new LoopIterationStart(body.lineno, body.colno, names), body];
    // Jinja2 runs a loop's else unless an iteration reached the end of the body (`continue`/`break` do not).
    const otherwise = node.else_ as AstNode | null;
    if (otherwise) {
      const flag = this._tmpid();
      this._emitLine(`var ${flag} = false;`);
      bodyParts.push(new LoopBodyEnd(body.lineno, body.colno, flag));
      node.else_ = new nodes.NodeList(otherwise.lineno, otherwise.colno, [new LoopElseStart(otherwise.lineno, otherwise.colno, flag), otherwise]);
    }
    node.body = new nodes.NodeList(body.lineno, body.colno, bodyParts);
    const start = this.codebuf.length;
    this.loopDepth++;
    try {
      super.compileFor(node, frame);
    } finally {
      this.loopDepth--;
      node.arr = iterable;
      node.body = body;
      node.else_ = otherwise;
    }
    const push = this.codebuf.indexOf('frame = frame.push();\n', start);
    if (push < 0) throw new Error('tsdbt cannot adapt this nunjucks version: for-loop code layout not recognized');
    this.codebuf[push] = 'frame = frame.push(true);\n';
  }

  compileLoopBodyEnd(node: Node): void {
    this._emitLine(`${node.flag} = true;`);
  }

  compileLoopElseStart(node: Node): void {
    const last = this.codebuf.length - 1;
    if (!/^if \(!t_\d+\) \{\n$/.test(this.codebuf[last])) throw new Error('tsdbt cannot adapt this nunjucks version: for-else code layout not recognized');
    this.codebuf[last] = `if (!${node.flag}) {\n`;
  }

  /** nunjucks' loop variables, plus Jinja2's `loop.cycle`, `loop.changed`, `loop.previtem`, `loop.nextitem` where used. */
  _emitLoopBindings(node: Node, arr: string, i: string, len: string): void {
    super._emitLoopBindings(node, arr, i, len);
    const used = new Set<string>();
    for (const lookup of node.body.findAll(nodes.LookupVal) as Node[]) {
      if (lookup.target.typename === 'Symbol' && lookup.target.value === 'loop' && lookup.val.typename === 'Literal') used.add(lookup.val.value);
    }
    // Only recursive loops, which dbt does not use, nest deeper than 1.
    if (used.has('depth')) this._emitLine('frame.set("loop.depth", 1);');
    if (used.has('depth0')) this._emitLine('frame.set("loop.depth0", 0);');
    if (used.has('cycle')) this._emitLine(`frame.set("loop.cycle", runtime.loopCycle(${i}));`);
    if (used.has('previtem')) this._emitLine(`frame.set("loop.previtem", ${i} > 0 ? ${arr}[${i} - 1] : undefined);`);
    if (used.has('nextitem')) this._emitLine(`frame.set("loop.nextitem", ${i} < ${len} - 1 ? ${arr}[${i} + 1] : undefined);`);
    if (used.has('changed')) {
      const tracker = this._tmpid();
      this._emitLine(`var ${tracker}; if (${i} === 0) ${tracker} = runtime.loopChangeTracker();`);
      this._emitLine(`frame.set("loop.changed", ${tracker});`);
    }
  }

  /** `==` and `!=` compare as Python does (lists and dicts by value, 1 != '1'); `a < b < c` is `a < b and b < c`. */
  compileCompare(node: Node, frame: CompileFrame): void {
    const ops = node.ops as Node[];
    if (ops.length === 1 && ops[0].type !== '==' && ops[0].type !== '!=') return super.compileCompare(node, frame);
    if (ops.length === 1) {
      if (ops[0].type === '!=') this._emit('!');
      return this.emitCall('pyEq', [node.expr, ops[0].expr], frame);
    }
    const operands = [node.expr, ...ops.map((op) => op.expr)];
    const ids = operands.map(() => this._tmpid());
    this._emit(`((${ids.join(', ')}) => `);
    ops.forEach((op, k) => {
      if (k > 0) this._emit(' && ');
      const [left, right] = [ids[k], ids[k + 1]];
      if (op.type === '==') this._emit(`runtime.pyEq(${left}, ${right})`);
      else if (op.type === '!=') this._emit(`!runtime.pyEq(${left}, ${right})`);
      else this._emit(`(${left} ${op.type} ${right})`);
    });
    this._emit(')(');
    operands.forEach((operand, k) => {
      if (k > 0) this._emit(', ');
      this._compileExpression(operand, frame);
    });
    this._emit(')');
  }

  /** Keeps only the items for which the loop's `if` holds, so loop.index and loop.last count kept items only. */
  private emitLoopFilter(items: string, names: string[], condition: AstNode, frame: CompileFrame): void {
    const item = this._tmpid();
    const filterFrame = frame.push();
    this._emitLine('frame = frame.push();');
    this._emitLine(`${items} = ${items}.filter(function (${item}) {`);
    names.forEach((name, i) => {
      const id = this._tmpid();
      this._emitLine(`var ${id} = ${names.length > 1 ? `${item}[${i}]` : item};`);
      this._emitLine(`frame.set(${JSON.stringify(name)}, ${id});`);
      filterFrame.set(name, id);
    });
    this._emit('return ');
    this.emitCall('pyBool', [condition], filterFrame);
    this._emitLine(';');
    this._emitLine('});');
    this._emitLine('frame = frame.pop();');
  }

  /** A set block's body is a function of its own: a loop control inside it cannot reach an enclosing loop. */
  compileCapture(node: Node, frame: CompileFrame): void {
    const depth = this.loopDepth;
    this.loopDepth = 0;
    try {
      super.compileCapture(node, frame);
    } finally {
      this.loopDepth = depth;
    }
  }

  compileSet(node: Node, frame: CompileFrame): void {
    const targets = node.targets as AstNode[];
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
    if (targets.length === 1 || !node.value) return super.compileSet(node, frame);
    const values = this._tmpid();
    this._emit(`var ${values} = runtime.unpackValues(`);
    this._compileExpression(node.value, frame);
    this._emitLine(`, ${targets.length});`);
    targets.forEach((target, i) => {
      const alias = `__unpacked_${values}_${i}`;
      frame.set(alias, `${values}[${i}]`);
      const single = new nodes.Set(target.lineno, target.colno, [target]) as Node;
      single.value = new nodes.Symbol(target.lineno, target.colno, alias);
      super.compileSet(single, frame);
    });
  }

  /** nunjucks keeps macros named `_...` private to their file; dbt packages call them across files. */
  compileMacro(node: Node, frame: CompileFrame & { parent?: unknown }): void {
    super.compileMacro(node, frame);
    const name = node.name.value as string;
    if (!frame.parent && name.startsWith('_')) this._emitLine(`context.addExport(${JSON.stringify(name)});`);
  }

  _compileMacro(node: Node, frame?: CompileFrame): string {
    const start = this.codebuf.length;
    const depth = this.loopDepth;
    this.loopDepth = 0;
    let funcId: string;
    try {
      funcId = super._compileMacro(node, frame);
    } finally {
      this.loopDepth = depth;
    }
    wrapMacroBody(this.codebuf, start, node, this.templateName);
    return funcId;
  }
}

/**
 * Edits the code nunjucks just emitted for a macro: restores the caller's frame even when the body throws, turns a
 * thrown MacroReturn into the macro's value (not for `call` blocks, whose return belongs to the enclosing macro), and
 * exposes `varargs`/`kwargs` when the body uses them.
 */
function wrapMacroBody(codebuf: string[], start: number, node: Node, templateName: string): void {
  const open = codebuf.indexOf('var callerFrame = frame;\n', start);
  let close = -1;
  for (let i = codebuf.length - 1; i > open && close < 0; i--) if (codebuf[i].startsWith('return new runtime.SafeString(')) close = i;
  const restore = codebuf[close - 1];
  if (open < 0 || close < 0 || (restore !== 'frame = callerFrame;\n' && restore !== 'frame = frame.pop();\n'))
    throw new Error('tsdbt cannot adapt this nunjucks version: macro code layout not recognized');
  const callerSet = codebuf.indexOf('frame.set("caller", kwargs.caller); }\n', open);
  const used = new Set(node.body.findAll(nodes.Symbol).map((symbol: AstNode) => symbol.value));
  const declared = node.args.children.flatMap((arg: AstNode & { children?: AstNode[] }) =>
    arg.typename === 'Symbol' ? [arg.value] : (arg.children ?? []).map((pair) => (pair.key as AstNode).value),
  );
  if (used.has('kwargs')) codebuf[callerSet] += `frame.set("kwargs", runtime.macroKwargs(kwargs, ${JSON.stringify(declared)}));\n`;
  if (used.has('varargs')) codebuf[callerSet] += 'frame.set("varargs", runtime.macroVarargs(kwargs));\n';
  codebuf[open] += 'try {\n';
  codebuf[close - 1] = '';
  // Errors leave with this file and line recorded (see macro-errors).
  const rethrow = `throw runtime.locateMacroError(e, ${JSON.stringify(templateName)}, lineno);`;
  const catchReturn = node.typename === 'Caller' ? '' : 'if (e instanceof runtime.MacroReturn) { return e.value; } ';
  codebuf[close] += `} catch (e) { ${catchReturn}${rethrow} } finally { frame = callerFrame; }\n`;
}

interface CompilingEnvironment {
  asyncFilters: unknown;
  extensionsList: { preprocess?: (source: string) => string }[];
  opts: { throwOnUndefined?: boolean };
}

/** A template's source compiled to the JavaScript nunjucks' Template runs (its precompiled `{ type: 'code' }` form). */
export function compileJinja(source: string, env: CompilingEnvironment, name: string): string {
  const preprocessed = env.extensionsList.reduce((text, extension) => (extension.preprocess ? extension.preprocess(text) : text), source);
  const ast = transformer.transform(parseJinja(preprocessed, env.extensionsList, env.opts), env.asyncFilters, name);
  const compiler = new JinjaCompiler(name, env.opts.throwOnUndefined);
  compiler.compile(ast);
  return compiler.getCode();
}
