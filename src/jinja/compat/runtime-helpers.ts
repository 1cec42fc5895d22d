/*
 * Runtime side of the compatibility layer: functions the compiler emits calls to (`runtime.pyAdd(...)`) and
 * replacements of nunjucks runtime functions whose JS semantics differ from Python's. Compiled templates receive them
 * as the environment's own runtime object (see compiler.ts), nunjucks' runtime module stays as it is.
 */
import { locateMacroError } from './macro-errors';
import { MacroReturn } from './macro-return';
import { percentFormat } from './python-format';
import { PySlice, pyMemberLookup } from './python-methods';
import {
  asFloat,
  entriesOf,
  isFloat,
  isMapping,
  PyFloat,
  isStringLike,
  pyBool,
  pyRepr,
  pyStr,
  PySet,
  PyTuple,
  pyTuple,
  textOf,
  type Mapping,
} from './python-values';
import { runtime, SafeString } from './nunjucks-internals';

const VARARGS_KEY = '__varargs';
const HIDDEN_KWARGS = new Set(['__keywords', VARARGS_KEY, 'caller']);

/** `a % b`: string formatting when a is a string, Python's sign-of-divisor modulo for numbers. */
function pyMod(left: unknown, right: unknown): unknown {
  // Only a tuple spreads into several values: `'%s' % [1]` formats the list itself.
  if (isStringLike(left)) return percentFormat(textOf(left), Array.isArray(right) && !(right instanceof PyTuple) ? [right] : right);
  const a = Number(left);
  const b = nonZero(right, 'modulo');
  const remainder = a % b;
  return numeric(remainder !== 0 && remainder < 0 !== b < 0 ? remainder + b : remainder, left, right);
}

/** A numeric result: a float when either operand is one, as in Python (`2.5 * 2` is `5.0`). */
function numeric(result: number, left: unknown, right: unknown): unknown {
  return isFloat(left) || isFloat(right) ? asFloat(result) : result;
}

function nonZero(divisor: unknown, what: string): number {
  const b = Number(divisor);
  if (b === 0) throw new Error(`ZeroDivisionError: ${what} by zero`);
  return b;
}

/** `a / b`: always a float in Python. */
function pyDiv(left: unknown, right: unknown): unknown {
  return viaOperatorMethods('truediv', left, right) ?? asFloat(Number(left) / nonZero(right, 'division'));
}

/** `a // b`: floored, a float when either operand is one. */
function pyFloorDiv(left: unknown, right: unknown): unknown {
  return numeric(Math.floor(Number(left) / nonZero(right, 'division')), left, right);
}

/** `a ** b`: a float for a float operand or a negative exponent. */
function pyPow(left: unknown, right: unknown): unknown {
  const result = Math.pow(Number(left), Number(right));
  return Number(right) < 0 ? asFloat(result) : numeric(result, left, right);
}

/** `-a`: keeps a float a float (`-2.0`). */
function pyNeg(value: unknown): unknown {
  return value instanceof PyFloat ? new PyFloat(-value.value) : -(value as number);
}

/**
 * Host objects that define Python's operator methods (`__add__`, `__radd__`, ...: datetimes, timedeltas) compute
 * `a op b` themselves; undefined when neither side does (Python's NotImplemented).
 */
function viaOperatorMethods(name: string, left: unknown, right: unknown): unknown {
  const own = typeof left === 'object' && left !== null ? (left as Record<string, unknown>)[`__${name}__`] : undefined;
  const result = typeof own === 'function' ? own.call(left, right) : undefined;
  if (result !== undefined) return result;
  const reflected = typeof right === 'object' && right !== null ? (right as Record<string, unknown>)[`__r${name}__`] : undefined;
  return typeof reflected === 'function' ? reflected.call(right, left) : undefined;
}

/** `a + b`: list concatenation for lists (JS would join them into a string). */
function pyAdd(left: unknown, right: unknown): unknown {
  if (Array.isArray(left) && Array.isArray(right)) return left.concat(right);
  if (left instanceof SafeString || right instanceof SafeString) return pyStr(left) + pyStr(right);
  const own = viaOperatorMethods('add', left, right);
  if (own !== undefined) return own;
  const sum = (left as number) + (right as number);
  return typeof sum === 'number' ? numeric(sum, left, right) : sum;
}

/** `a - b`: datetime arithmetic through operator methods, numbers otherwise. */
function pySub(left: unknown, right: unknown): unknown {
  return viaOperatorMethods('sub', left, right) ?? numeric((left as number) - (right as number), left, right);
}

/** `a * b`: repetition for a string or list times a count (`'-' * 20`). */
function pyMul(left: unknown, right: unknown): unknown {
  if (typeof right === 'number') {
    if (isStringLike(left)) return textOf(left).repeat(Math.max(0, right));
    if (Array.isArray(left)) return Array.from({ length: Math.max(0, right) }, () => left).flat(1);
  }
  return viaOperatorMethods('mul', left, right) ?? numeric((left as number) * (right as number), left, right);
}

/** `a ~ b`: both sides as Python's str(). */
function pyConcat(left: unknown, right: unknown): string {
  return pyStr(left) + pyStr(right);
}

function pyIn(key: unknown, container: unknown): boolean {
  const needle = isStringLike(key) ? textOf(key) : key;
  if (isStringLike(container)) return textOf(container).includes(String(needle));
  if (Array.isArray(container)) return container.some((item) => (isStringLike(item) ? textOf(item) : item) === needle);
  if (container instanceof Map || container instanceof Set) return container.has(needle);
  if (isMapping(container)) return Object.prototype.hasOwnProperty.call(container, needle as string);
  if (typeof container === 'object' && container !== null) return (needle as string) in container;
  throw new Error(`'in' needs a string, list or dict on its right side, got ${pyRepr(container)}`);
}

/** What `{{ value }}` prints: Python's str() (None, True, ['a']), except that undefined prints nothing. */
function suppressValue(value: unknown, autoescape: boolean): unknown {
  if (typeof value === 'string') return autoescape ? escapeText(value) : value;
  if (value === undefined) return '';
  if (value instanceof SafeString || (typeof value === 'number' && Number.isSafeInteger(value))) return value;
  const text = pyStr(value);
  return autoescape ? escapeText(text) : text;
}

function escapeText(text: string): string {
  return text.replace(/[&"'<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Jinja iterates a dict's keys (or its items when the loop names two variables), a string's characters. */
function loopIterable(value: unknown, nameCount: number): unknown {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isStringLike(value)) return Array.from(textOf(value));
  if (value instanceof Map) return nameCount > 1 ? Array.from(value.entries()) : Array.from(value.keys());
  if (typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  const entries = entriesOf(value as Mapping);
  return nameCount > 1 ? entries : entries.map(([key]) => key);
}

const isNumeric = (value: unknown): boolean => typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value instanceof PyFloat;

/** Python's `==`: lists, tuples and dicts by value, numbers and booleans by number, strings never equal to numbers. */
function pyEq(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  // None and an undefined name compare equal, as nunjucks always let them (context values may be either).
  if (left === null || left === undefined || right === null || right === undefined) return (left ?? null) === (right ?? null);
  if (isStringLike(left) || isStringLike(right)) return isStringLike(left) && isStringLike(right) && textOf(left) === textOf(right);
  // True == 1 and 1 == 1.0 as in Python; bigint results compare with numbers by value.
  if (isNumeric(left) && isNumeric(right)) return Number(left) === Number(right);
  if (left instanceof PySet || right instanceof PySet)
    return left instanceof PySet && right instanceof PySet && left.length === right.length && left.every((item) => right.some((other) => pyEq(item, other)));
  if (Array.isArray(left) && Array.isArray(right))
    return left instanceof PyTuple === right instanceof PyTuple && left.length === right.length && left.every((item, i) => pyEq(item, right[i]));
  if (isMapping(left) && isMapping(right)) {
    const entries = entriesOf(left);
    return (
      entries.length === entriesOf(right).length && entries.every(([key, value]) => Object.prototype.hasOwnProperty.call(right, key) && pyEq(value, right[key]))
    );
  }
  return viaOperatorMethods('eq', left, right) === true;
}

/** `loop.cycle('odd', 'even')` at iteration `index`. */
function loopCycle(index: number): (...values: unknown[]) => unknown {
  return (...values) => values[index % values.length];
}

/** `loop.changed(value)`: true when value differs from the one of its previous call in this loop. */
function loopChangeTracker(): (...values: unknown[]) => boolean {
  let previous: unknown[] | undefined;
  return (...values) => {
    const changed = previous === undefined || !pyEq(pyTuple(values), pyTuple(previous));
    previous = values;
    return changed;
  };
}

/** `{% set a, b = value %}` */
function unpackValues(value: unknown, count: number): unknown[] {
  const items = loopIterable(value, 1) as unknown[];
  if (items.length !== count) throw new Error(`cannot unpack ${items.length} values into ${count} names (value: ${pyRepr(value)})`);
  return items;
}

/** `{% set ns.attr = value %}` */
function assignAttribute(target: unknown, key: unknown, value: unknown): void {
  if (typeof target !== 'object' || target === null) throw new Error(`cannot set attribute '${String(key)}' on ${pyRepr(target)}: use a namespace() or dict`);
  (target as Mapping)[key as string] = value;
}

/** The `kwargs` a macro body sees: keyword arguments it did not declare. */
function macroKwargs(passed: Mapping, declared: string[]): Mapping {
  const extra: Mapping = {};
  for (const [key, value] of Object.entries(passed)) if (!HIDDEN_KWARGS.has(key) && !declared.includes(key)) extra[key] = value;
  return extra;
}

function macroVarargs(passed: Mapping): unknown[] {
  return pyTuple((passed[VARARGS_KEY] as unknown[] | undefined) ?? []);
}

/** `f(*items)`: the positional arguments an iterable unpacks into. */
function spreadArgs(value: unknown): unknown[] {
  return loopIterable(value, 1) as unknown[];
}

/** `f(**mapping)`: the keyword arguments a dict unpacks into. */
function spreadKwargs(value: unknown): Mapping {
  if (value instanceof Map) return Object.fromEntries(value.entries());
  if (!isMapping(value)) throw new Error(`** needs a dict, got ${pyRepr(value)}`);
  return Object.fromEntries(entriesOf(value));
}

/** Clears a loop frame of the previous iteration's assignments, keeping the loop variables and `loop`. */
function startLoopIteration(frame: { variables: Record<string, unknown> }, loopNames: string[]): void {
  for (const name of Object.keys(frame.variables)) if (name !== 'loop' && !loopNames.includes(name)) delete frame.variables[name];
}

function isKeywordArgs(value: unknown): value is Mapping {
  return !!value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, '__keywords');
}

/**
 * nunjucks' makeMacro, keeping the positional arguments beyond the declared ones (Jinja's `varargs`), which nunjucks
 * drops. They ride along in the keyword-arguments object the macro function receives.
 */
function makeMacro(argNames: string[], kwargNames: string[], func: (...args: unknown[]) => unknown) {
  return function macro(this: unknown, ...macroArgs: unknown[]): unknown {
    const hasKeywords = isKeywordArgs(macroArgs[macroArgs.length - 1]);
    const argCount = hasKeywords ? macroArgs.length - 1 : macroArgs.length;
    const kwargs: Mapping = hasKeywords ? (macroArgs[macroArgs.length - 1] as Mapping) : {};
    let args: unknown[];
    if (argCount > argNames.length) {
      args = macroArgs.slice(0, argNames.length);
      const extra = macroArgs.slice(argNames.length, argCount);
      extra.forEach((value, i) => {
        if (i < kwargNames.length) kwargs[kwargNames[i]] = value;
      });
      if (extra.length > kwargNames.length) kwargs[VARARGS_KEY] = extra.slice(kwargNames.length);
      args.push(kwargs);
    } else if (argCount < argNames.length) {
      args = macroArgs.slice(0, argCount);
      for (let i = argCount; i < argNames.length; i++) {
        args.push(kwargs[argNames[i]]);
        delete kwargs[argNames[i]];
      }
      args.push(kwargs);
    } else {
      args = macroArgs;
    }
    return func.apply(this, args);
  };
}

interface LookupContext {
  env: { globals: Record<string, unknown> & { __macroNames?: Set<string> } };
  ctx?: Record<string, unknown>;
  lookup(name: string): unknown;
}

/*
 * In dbt every macro is global and a project macro overrides a built-in one of the same name, even when the built-in is
 * called from another built-in of its own file. nunjucks resolves a name to its own file's definitions first, so
 * lookups of names registered as global macros (`__macroNames`) go to the globals, where the winning one is.
 */
function contextOrFrameLookup(context: LookupContext, frame: { lookup(name: string): unknown }, name: string): unknown {
  const value = frame.lookup(name);
  if (value !== undefined) return value;
  const globals = context.env.globals;
  if (globals.__macroNames?.has(name)) return globals[name];
  const found = context.lookup(name);
  // dbt compiles each macro alone: another macro of the same file does not hide a member of dbt's context (a package's
  // own `model()` macro, inside the macros of its file, leaves `model` the node).
  if (typeof found === 'function' && name in globals && context.ctx?.[name] === found) return globals[name];
  return found;
}

/**
 * An attribute of an undefined value is Jinja2's UndefinedError once nodes execute; while parsing, dbt renders with
 * a lenient undefined (nothing has run yet), so the lookup stays empty there.
 */
function memberLookupOrRaise(obj: unknown, key: unknown, name: string | null, context: { lookup(name: string): unknown }): unknown {
  if (obj === undefined && name !== null && context.lookup('execute') === true) throw new Error(`'${name}' is undefined`);
  return pyMemberLookup(obj, key);
}

/** `{{ name }}` of an undefined name: empty, with a warning once nodes execute (the context's `__warn_undefined`). */
function warnUndefinedOutput(value: unknown, name: string, template: string, line: number, context: { lookup(name: string): unknown }): unknown {
  if (value === undefined && context.lookup('execute') === true) {
    const warn = context.lookup('__warn_undefined');
    if (typeof warn === 'function') warn(name, template, line);
  }
  return value;
}

/** The runtime compiled templates of a Jinja environment call: nunjucks' own, with Python's semantics where they differ. */
export function createJinjaRuntime(): Record<string, unknown> {
  return Object.assign(Object.create(runtime), {
    contextOrFrameLookup,
    pyTuple,
    pyEq,
    loopCycle,
    loopChangeTracker,
    memberLookup: pyMemberLookup,
    memberLookupOrRaise,
    warnUndefinedOutput,
    inOperator: pyIn,
    suppressValue,
    makeMacro,
    PySlice,
    MacroReturn,
    pyBool,
    pyMod,
    pyAdd,
    pyDiv,
    pyFloorDiv,
    pyPow,
    pyNeg,
    PyFloat,
    pySub,
    pyMul,
    pyConcat,
    loopIterable,
    unpackValues,
    assignAttribute,
    macroKwargs,
    macroVarargs,
    spreadArgs,
    spreadKwargs,
    startLoopIteration,
    locateMacroError,
  });
}
