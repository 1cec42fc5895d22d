/* Python's str, list and dict methods, looked up on JS strings, arrays and plain objects. */
import { strFormat } from './python-format';
import { entriesOf, isMapping, isStringLike, pyRepr, pyTuple, textOf, type Mapping } from './python-values';

type PyMethod = (self: any, args: unknown[], kwargs: Mapping) => unknown;

/** Splits a nunjucks call's arguments: keyword arguments arrive as a trailing object flagged `__keywords`. */
export function splitCallArgs(raw: unknown[]): { args: unknown[]; kwargs: Mapping } {
  const last = raw[raw.length - 1] as Mapping | undefined;
  if (last && typeof last === 'object' && Object.prototype.hasOwnProperty.call(last, '__keywords')) {
    const kwargs: Mapping = {};
    for (const [key, value] of entriesOf(last)) kwargs[key] = value;
    return { args: raw.slice(0, -1), kwargs };
  }
  return { args: raw, kwargs: {} };
}

function argument(args: unknown[], kwargs: Mapping, index: number, name: string, fallback: unknown = undefined): any {
  if (args.length > index && args[index] !== undefined) return args[index];
  return name in kwargs ? kwargs[name] : fallback;
}

/** A lookup table without Object.prototype members, so `'x'.constructor` never resolves to a Python method. */
function methodTable(methods: Record<string, PyMethod>): Record<string, PyMethod | undefined> {
  return Object.assign(Object.create(null), methods);
}

const isBlank = (value: unknown): boolean => value === undefined || value === null;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function stripper(pattern: (chars: string) => RegExp, whitespace: RegExp): PyMethod {
  return (self: string, args) => {
    const chars = args[0];
    return self.replace(isBlank(chars) ? whitespace : pattern(escapeRegExp(String(chars))), '');
  };
}

function splitString(self: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  const limit = maxsplit < 0 ? Infinity : maxsplit;
  if (isBlank(sep)) {
    const words = self.trim().split(/\s+/).filter(Boolean);
    if (words.length - 1 <= limit) return words;
    if (!fromRight) {
      const head = words.slice(0, limit);
      return [...head, self.trim().replace(new RegExp('^(\\S+\\s+){' + limit + '}'), '')];
    }
    const tail = words.slice(words.length - limit);
    return [self.trim().replace(new RegExp('(\\s+\\S+){' + limit + '}$'), ''), ...tail];
  }
  const separator = String(sep);
  if (separator === '') throw new Error('split: empty separator');
  const parts = self.split(separator);
  if (parts.length - 1 <= limit) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - limit).join(separator), ...parts.slice(parts.length - limit)]
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

function affixTest(test: (self: string, affix: string) => boolean): PyMethod {
  return (self: string, args) => {
    const affixes = Array.isArray(args[0]) ? args[0] : [args[0]];
    return affixes.some((affix) => test(self, String(affix)));
  };
}

function countOccurrences(self: string, sub: string): number {
  if (sub === '') return self.length + 1;
  return self.split(sub).length - 1;
}

const STRING_METHODS = methodTable({
  upper: (self: string) => self.toUpperCase(),
  lower: (self: string) => self.toLowerCase(),
  strip: stripper((chars) => new RegExp(`^[${chars}]+|[${chars}]+$`, 'g'), /^\s+|\s+$/g),
  lstrip: stripper((chars) => new RegExp(`^[${chars}]+`), /^\s+/),
  rstrip: stripper((chars) => new RegExp(`[${chars}]+$`), /\s+$/),
  split: (self: string, args, kwargs) => splitString(self, argument(args, kwargs, 0, 'sep'), Number(argument(args, kwargs, 1, 'maxsplit', -1)), false),
  rsplit: (self: string, args, kwargs) => splitString(self, argument(args, kwargs, 0, 'sep'), Number(argument(args, kwargs, 1, 'maxsplit', -1)), true),
  splitlines: (self: string) => self.split(/\r\n|\r|\n/).filter((line, i, all) => i < all.length - 1 || line !== ''),
  replace: (self: string, args) => {
    const [old, replacement, count = -1] = args as [string, string, number];
    const parts = self.split(String(old));
    if (count < 0 || parts.length - 1 <= count) return parts.join(String(replacement));
    return parts.slice(0, count + 1).join(String(replacement)) + String(old) + parts.slice(count + 1).join(String(old));
  },
  startswith: affixTest((self, affix) => self.startsWith(affix)),
  endswith: affixTest((self, affix) => self.endsWith(affix)),
  format: (self: string, args, kwargs) => strFormat(self, args, kwargs),
  join: (self: string, args) => Array.from(args[0] as Iterable<unknown>, (item) => (isStringLike(item) ? textOf(item) : String(item))).join(self),
  title: (self: string) => self.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_all, before: string, letter: string) => before + letter.toUpperCase()),
  capitalize: (self: string) => self.charAt(0).toUpperCase() + self.slice(1).toLowerCase(),
  find: (self: string, args) => self.indexOf(String(args[0]), (args[1] as number) ?? 0),
  rfind: (self: string, args) => self.lastIndexOf(String(args[0])),
  index: (self: string, args) => {
    const at = self.indexOf(String(args[0]));
    if (at < 0) throw new Error(`ValueError: substring ${pyRepr(args[0])} not found in ${pyRepr(self)}`);
    return at;
  },
  count: (self: string, args) => countOccurrences(self, String(args[0])),
  isdigit: (self: string) => /^\d+$/.test(self),
  isnumeric: (self: string) => /^\d+$/.test(self),
  isalpha: (self: string) => /^[a-zA-Z]+$/.test(self),
  isalnum: (self: string) => /^[a-zA-Z0-9]+$/.test(self),
  isspace: (self: string) => /^\s+$/.test(self),
  islower: (self: string) => /[a-z]/.test(self) && self === self.toLowerCase(),
  isupper: (self: string) => /[A-Z]/.test(self) && self === self.toUpperCase(),
  zfill: (self: string, args) => (self.startsWith('-') ? '-' + self.slice(1).padStart(Number(args[0]) - 1, '0') : self.padStart(Number(args[0]), '0')),
  ljust: (self: string, args) => self.padEnd(Number(args[0]), (args[1] as string) ?? ' '),
  rjust: (self: string, args) => self.padStart(Number(args[0]), (args[1] as string) ?? ' '),
  center: (self: string, args) => {
    const width = Number(args[0]);
    const fill = (args[1] as string) ?? ' ';
    if (width <= self.length) return self;
    // CPython's split of an odd margin: the extra character goes left when the width is odd too.
    const total = width - self.length;
    const left = Math.floor(total / 2) + (total & width & 1);
    return fill.repeat(left) + self + fill.repeat(total - left);
  },
  swapcase: (self: string) => Array.from(self, (ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join(''),
  partition: (self: string, args) => {
    const separator = String(args[0]);
    const at = self.indexOf(separator);
    return pyTuple(at < 0 ? [self, '', ''] : [self.slice(0, at), separator, self.slice(at + separator.length)]);
  },
  rpartition: (self: string, args) => {
    const separator = String(args[0]);
    const at = self.lastIndexOf(separator);
    return pyTuple(at < 0 ? ['', '', self] : [self.slice(0, at), separator, self.slice(at + separator.length)]);
  },
  expandtabs: (self: string, args) => {
    const size = Number(args[0] ?? 8);
    let column = 0;
    return Array.from(self, (ch) => {
      if (ch === '\n' || ch === '\r') column = -1;
      if (ch !== '\t') return (column++, ch);
      const spaces = size > 0 ? size - (column % size) : 0;
      column += spaces;
      return ' '.repeat(spaces);
    }).join('');
  },
});

function sameValue(a: unknown, b: unknown): boolean {
  return (isStringLike(a) ? textOf(a) : a) === (isStringLike(b) ? textOf(b) : b);
}

function positionOf(self: unknown[], value: unknown): number {
  const at = self.findIndex((item) => sameValue(item, value));
  if (at < 0) throw new Error(`ValueError: ${pyRepr(value)} is not in list`);
  return at;
}

/** Python's mutating list methods return None, which Jinja2 prints as 'None'. */
const returnsNone = (_result: unknown): null => null;

const LIST_METHODS = methodTable({
  append: (self: unknown[], args) => returnsNone(self.push(args[0])),
  extend: (self: unknown[], args) => returnsNone(self.push(...Array.from(args[0] as Iterable<unknown>))),
  insert: (self: unknown[], args) => returnsNone(self.splice(Number(args[0]), 0, args[1])),
  pop: (self: unknown[], args) => {
    if (self.length === 0) throw new Error('IndexError: pop from empty list');
    const index = args.length ? Number(args[0]) : -1;
    return self.splice(index < 0 ? self.length + index : index, 1)[0];
  },
  index: (self: unknown[], args) => positionOf(self, args[0]),
  count: (self: unknown[], args) => self.filter((item) => sameValue(item, args[0])).length,
  remove: (self: unknown[], args) => returnsNone(self.splice(positionOf(self, args[0]), 1)),
  copy: (self: unknown[]) => self.slice(),
  clear: (self: unknown[]) => returnsNone(self.splice(0)),
});

function hasKey(self: Mapping, key: unknown): boolean {
  return Object.prototype.hasOwnProperty.call(self, key as string) && self[key as string] !== undefined;
}

const DICT_METHODS = methodTable({
  items: (self: Mapping) => entriesOf(self).map(pyTuple),
  keys: (self: Mapping) => entriesOf(self).map(([key]) => key),
  values: (self: Mapping) => entriesOf(self).map(([, value]) => value),
  get: (self: Mapping, args) => (hasKey(self, args[0]) ? self[args[0] as string] : (args[1] ?? null)),
  update: (self: Mapping, args, kwargs) => {
    for (const source of [...args, kwargs]) {
      const entries = Array.isArray(source) ? (source as [string, unknown][]) : entriesOf((source ?? {}) as Mapping);
      for (const [key, value] of entries) self[key] = value;
    }
    return null;
  },
  pop: (self: Mapping, args) => {
    const key = args[0] as string;
    if (hasKey(self, key)) {
      const value = self[key];
      delete self[key];
      return value;
    }
    if (args.length > 1) return args[1];
    throw new Error(`KeyError: ${pyRepr(key)}`);
  },
  setdefault: (self: Mapping, args) => {
    const key = args[0] as string;
    if (!hasKey(self, key)) self[key] = args[1] ?? null;
    return self[key];
  },
  copy: (self: Mapping) => Object.fromEntries(entriesOf(self)),
  clear: (self: Mapping) => {
    for (const [key] of entriesOf(self)) delete self[key];
    return null;
  },
});

function bind(method: PyMethod, self: unknown): (...raw: unknown[]) => unknown {
  return (...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    return method(self, args, kwargs);
  };
}

/** A Python slice `[start:stop:step]`, built by the compiled template for `xs[a:b:c]`. */
export class PySlice {
  constructor(
    readonly start: number | null | undefined,
    readonly stop: number | null | undefined,
    readonly step: number | null | undefined,
  ) {}

  apply<T>(items: ArrayLike<T>): T[] {
    const length = items.length;
    const step = this.step ?? 1;
    if (step === 0) throw new Error('ValueError: slice step cannot be zero');
    const clamp = (value: number | null | undefined, fallback: number, low: number, high: number): number => {
      if (value === null || value === undefined) return fallback;
      const index = value < 0 ? value + length : value;
      return Math.min(Math.max(index, low), high);
    };
    const result: T[] = [];
    if (step > 0) {
      for (let i = clamp(this.start, 0, 0, length), stop = clamp(this.stop, length, 0, length); i < stop; i += step) result.push(items[i]);
    } else {
      for (let i = clamp(this.start, length - 1, -1, length - 1), stop = clamp(this.stop, -1, -1, length - 1); i > stop; i += step) result.push(items[i]);
    }
    return result;
  }
}

function sliceOf(obj: unknown, slice: PySlice): unknown {
  if (isStringLike(obj)) return slice.apply(Array.from(textOf(obj))).join('');
  if (Array.isArray(obj)) return slice.apply(obj);
  throw new Error(`cannot slice ${pyRepr(obj)}: only strings and lists can be sliced`);
}

function bindNative(value: (...args: unknown[]) => unknown, obj: unknown): (...args: unknown[]) => unknown {
  return (...args) => value.apply(obj, args);
}

/**
 * Replaces nunjucks' member lookup (`a.b`, `a[b]`), the hottest path of rendering: data and real JS members win,
 * except that Python's str/list methods shadow the JS ones of the same name (`'a b'.split()`, `xs.pop(0)`), and
 * dict methods fill in only where an object has no member of that name (host objects keep their own `get`).
 */
export function pyMemberLookup(obj: any, key: any): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (typeof key === 'string') {
    if (typeof obj === 'string') {
      const method = STRING_METHODS[key];
      if (method !== undefined) return bind(method, obj);
    } else if (Array.isArray(obj)) {
      const method = LIST_METHODS[key];
      if (method !== undefined) return bind(method, obj);
    } else if (isStringLike(obj)) {
      const method = STRING_METHODS[key];
      if (method !== undefined) return bind(method, textOf(obj));
    }
    const value = obj[key];
    if (value === undefined) {
      const method = typeof obj === 'object' && !Array.isArray(obj) ? DICT_METHODS[key] : undefined;
      return method === undefined ? undefined : bind(method, obj);
    }
    // A function held in a dict is data (`modules.datetime.datetime` keeps its own `.now`); methods of objects are bound.
    return typeof value === 'function' && !isMapping(obj) ? bindNative(value, obj) : value;
  }
  if (typeof key === 'number') {
    if (key < 0 && (Array.isArray(obj) || typeof obj === 'string')) return obj[obj.length + key];
  } else if (key instanceof PySlice) {
    return sliceOf(obj, key);
  }
  const value = obj[key];
  return typeof value === 'function' ? bindNative(value, obj) : value;
}
