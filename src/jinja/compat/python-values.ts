/* How Python (and so Jinja2) prints, tests and compares values, for the JS values templates see. */
import { SafeString } from './nunjucks-internals';

export type Mapping = Record<string, unknown>;

/**
 * A Python tuple: an array that prints as `(1, 2)` or `(1,)`. Arrays derived from it (map, filter, concat) are plain
 * lists again.
 */
export class PyTuple<T = unknown> extends Array<T> {
  static get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

export function pyTuple<T>(items: T[]): T[] {
  return PyTuple.from(items);
}

/**
 * A Python float with a whole value (`2.0`). JS has one number type: a number with a fraction is a float already,
 * a whole number is an int unless it carries this mark, so that it prints as Python prints it (`2.0`, `1e+20`).
 */
export class PyFloat {
  /** Marks the plain object that v8.serialize makes of an instance (see revivePyFloats). */
  readonly __py_float__ = true;
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
  toJSON(): number {
    return this.value;
  }
}

/**
 * Visits every value under `root` (through plain objects, arrays and Maps; each object once); a value `replace`
 * returns other than undefined takes that value's place.
 */
function rewriteValues(root: unknown, replace: (value: object) => unknown): void {
  const seen = new Set<object>();
  const visit = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return value;
    seen.add(value);
    const replacement = replace(value);
    if (replacement !== undefined) return replacement;
    // Tag tests rather than instanceof: deserialized objects may come from another realm (a vm context).
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Map]') {
      const map = value as Map<unknown, unknown>;
      for (const [key, item] of map) map.set(key, visit(item));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    } else if (tag === '[object Object]') {
      const record = value as Mapping;
      for (const key of Object.keys(record)) record[key] = visit(record[key]);
    }
    return value;
  };
  visit(root);
}

/** Whether a PyFloat is anywhere under `root`. */
export function holdsPyFloat(root: unknown): boolean {
  let found = false;
  rewriteValues(root, (value) => {
    if (value instanceof PyFloat) found = true;
    return found ? value : undefined;
  });
  return found;
}

/** v8.deserialize gives class instances back as plain objects: turns each stored PyFloat under `root` back into one. */
export function revivePyFloats(root: unknown): void {
  rewriteValues(root, (value) => {
    const record = value as Mapping;
    return record.__py_float__ === true && typeof record.value === 'number' ? new PyFloat(record.value) : undefined;
  });
}

/** `n` as a Python float: marked when whole, since a fraction says float by itself. */
export function asFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** A Python float: a marked whole number, or any number that is not whole (inf and nan too). */
export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** Python's repr() of a float: the shortest round-tripping digits, `.0` on whole values, exponents from 1e16 and below 1e-4. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const fixed = String(n);
  return fixed.includes('.') ? fixed : fixed + '.0';
}

/** Python's str() of an int, which has no exponent however large. */
function intText(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/** A Python set (dbt's `set()`): unique items in first-seen order, equal to another set whatever the order. */
export class PySet<T = unknown> extends Array<T> {
  static get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/** A dict for Python's eyes: a plain object (not a class instance, array, string or macro output). */
/** Marks a host object that templates should treat as a mapping in `is mapping` tests. */
export const DICT_LIKE = Symbol.for('tsdbt.dict-like');

export function isMapping(value: unknown): value is Mapping {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Macro output (nunjucks SafeString) behaves as a string in Jinja2 (Markup is a str subclass). */
export function isStringLike(value: unknown): value is string | InstanceType<typeof SafeString> {
  return typeof value === 'string' || value instanceof SafeString;
}

export function textOf(value: string | InstanceType<typeof SafeString>): string {
  return typeof value === 'string' ? value : value.val;
}

/** Python truthiness: empty lists, dicts and macro outputs are false, unlike in JS. */
export function pyBool(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return !!value;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof SafeString) return value.val.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (isMapping(value)) {
    for (const key in value) if (key !== '__keywords') return true;
    return false;
  }
  return true;
}

/** `str(value)` as Jinja2 prints it: None, True, ['a', 'b'], {'k': 1}. Undefined prints as ''. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (value instanceof SafeString) return value.val;
  if (Array.isArray(value) || isMapping(value) || value === null || typeof value === 'boolean') return pyRepr(value);
  if (typeof value === 'number') return Number.isInteger(value) ? intText(value) : floatRepr(value);
  return String(value);
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string' || value instanceof SafeString) return quoteString(textOf(value));
  if (value instanceof PySet) return value.length ? '{' + value.map(pyRepr).join(', ') + '}' : 'set()';
  if (value instanceof PyTuple) return '(' + value.map(pyRepr).join(', ') + (value.length === 1 ? ',)' : ')');
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  if (isMapping(value))
    return (
      '{' +
      entriesOf(value)
        .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
        .join(', ') +
      '}'
    );
  if (typeof value === 'number') return Number.isInteger(value) ? intText(value) : floatRepr(value);
  return String(value);
}

function quoteString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/**
 * A dict that also answers `to_dict()`, as dbt's dataclass objects do (run results, their nodes and timings, the
 * project's vars): a copy of its entries. The method is not an entry, so iteration and tojson never see it.
 */
export function withToDict<T extends Mapping>(mapping: T): T {
  return Object.defineProperty(mapping, 'to_dict', { value: () => Object.fromEntries(entriesOf(mapping)), enumerable: false });
}

/** Own entries of a dict, without nunjucks' keyword-arguments marker. */
export function entriesOf(mapping: Mapping): [string, unknown][] {
  return Object.entries(mapping).filter(([key]) => key !== '__keywords');
}

export interface JsonOptions {
  indent?: number | string | null;
  sortKeys?: boolean;
}

/** Python's json.dumps: `", "` and `": "` separators, ASCII-only output, optional indent and key sorting. */
export function pyJsonDumps(value: unknown, options: JsonOptions = {}): string {
  const unit = typeof options.indent === 'number' ? ' '.repeat(options.indent) : (options.indent ?? null);
  return dumpValue(value, unit, '', options.sortKeys === true);
}

function dumpValue(value: unknown, unit: string | null, current: string, sortKeys: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
    return Number.isInteger(value) ? intText(value) : floatRepr(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (isStringLike(value)) return asciiJsonString(textOf(value));
  const inner = unit === null ? '' : current + unit;
  const open = unit === null ? '' : '\n' + inner;
  const close = unit === null ? '' : '\n' + current;
  const separator = unit === null ? ', ' : ',\n' + inner;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + open + value.map((item) => dumpValue(item, unit, inner, sortKeys)).join(separator) + close + ']';
  }
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return dumpValue(json.call(value), unit, current, sortKeys);
  const entries = entriesOf(value as Mapping).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => asciiJsonString(k) + ': ' + dumpValue(v, unit, inner, sortKeys));
  return '{' + open + items.join(separator) + close + '}';
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
