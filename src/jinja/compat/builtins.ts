/* Jinja2 filters, tests and globals that nunjucks lacks or defines differently. */
import type nunjucks from 'nunjucks';
import { raiseMacroReturn } from './macro-return';
import { percentFormat } from './python-format';
import { pyMemberLookup, splitCallArgs } from './python-methods';
import {
  asFloat,
  DICT_LIKE,
  entriesOf,
  isFloat,
  PyFloat,
  isMapping,
  isStringLike,
  pyBool,
  pyJsonDumps,
  pyRepr,
  pyStr,
  pyTuple,
  textOf,
  type Mapping,
} from './python-values';

type TestFunction = (value: unknown, ...args: unknown[]) => boolean;
/** The Environment methods for tests, missing from @types/nunjucks. */
interface TestRegistry {
  getTest(name: string): TestFunction;
  addTest(name: string, test: TestFunction): void;
}
interface FilterThis {
  env: nunjucks.Environment & TestRegistry;
}

function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isStringLike(value)) return Array.from(textOf(value));
  if (typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  if (isMapping(value)) return entriesOf(value).map(([key]) => key);
  throw new Error(`expected a list, got ${pyRepr(value)}`);
}

/** `a.b.0`: Jinja's attribute paths for map/selectattr/sort/unique. */
function attributeOf(item: unknown, path: string): unknown {
  return String(path)
    .split('.')
    .reduce<unknown>((value, part) => pyMemberLookup(value, /^\d+$/.test(part) ? Number(part) : part), item);
}

function pyInt(value: unknown, fallback: unknown = 0, base: unknown = 10): unknown {
  if (typeof value === 'boolean' || value instanceof PyFloat) return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  const text = isStringLike(value) ? textOf(value).trim().replace(/_/g, '') : '';
  const radix = Number(base);
  const digits = radix === 16 ? /^[-+]?(0x)?[0-9a-f]+$/i : radix === 8 ? /^[-+]?(0o)?[0-7]+$/i : radix === 2 ? /^[-+]?(0b)?[01]+$/i : /^[-+]?\d+$/;
  if (digits.test(text)) return parseInt(text.replace(/^([-+]?)0[xob]/i, '$1'), radix);
  const asFloat = pyFloat(value, null);
  return asFloat === null ? fallback : Math.trunc(asFloat as number);
}

function pyFloat(value: unknown, fallback: unknown = 0): unknown {
  if (typeof value === 'boolean' || typeof value === 'number' || value instanceof PyFloat) return asFloat(Number(value));
  const text = isStringLike(value) ? textOf(value).trim() : '';
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) || /^[-+]?(inf|infinity|nan)$/i.test(text)
    ? asFloat(Number(text.replace(/inf(inity)?/i, 'Infinity')))
    : fallback;
}

function literalValue(value: unknown): unknown {
  if (!isStringLike(value)) return value;
  const text = textOf(value).trim();
  if (text === 'True' || text === 'true') return true;
  if (text === 'False' || text === 'false') return false;
  if (text === 'None') return null;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  const number = pyFloat(text, null);
  return number === null ? textOf(value) : number;
}

function selectByTest(context: FilterThis, items: unknown, raw: unknown[], keep: boolean, attribute: boolean): unknown[] {
  const { args } = splitCallArgs(raw);
  const [path] = attribute ? args : [];
  const [testName, ...testArgs] = attribute ? args.slice(1) : args;
  const test = testName === undefined ? pyBool : context.env.getTest(String(testName));
  return toList(items).filter((item) => {
    const subject = attribute ? attributeOf(item, String(path)) : item;
    return test.call(context, subject, ...testArgs) === keep;
  });
}

function uniqueKey(value: unknown, caseSensitive: boolean): unknown {
  if (isStringLike(value)) return caseSensitive ? textOf(value) : textOf(value).toLowerCase();
  // Python hashes a tuple by its items (codegen dedupes its `(cte_name, from_clause)` tuples so); strings in it keep their case.
  if (Array.isArray(value)) return `\0tuple${pyRepr(value)}`;
  return value;
}

function extremum(values: unknown, raw: unknown[], pickLarger: boolean): unknown {
  const { kwargs } = splitCallArgs(raw);
  const items = toList(values);
  const keyOf = (item: unknown) => {
    const key = kwargs.attribute === undefined ? item : attributeOf(item, String(kwargs.attribute));
    return isStringLike(key) && !kwargs.case_sensitive ? textOf(key).toLowerCase() : key;
  };
  return items.reduce<unknown>((best, item) => {
    if (best === undefined) return item;
    return (pickLarger ? (keyOf(item) as number) > (keyOf(best) as number) : (keyOf(item) as number) < (keyOf(best) as number)) ? item : best;
  }, undefined);
}

/** Python's ordering of sort keys: strings case-insensitively unless asked, then numbers and strings natively. */
function compareKeys(a: unknown, b: unknown, caseSensitive: boolean): number {
  const key = (value: unknown) => (isStringLike(value) ? (caseSensitive ? textOf(value) : textOf(value).toLowerCase()) : value);
  const [x, y] = [key(a), key(b)] as [number, number];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Jinja2's groupby items: (grouper, list) tuples that also answer `.grouper` and `.list`. */
function groupTuple(grouper: unknown, list: unknown[]): unknown[] {
  const group = pyTuple([grouper, list]);
  Object.defineProperties(group, { grouper: { value: grouper }, list: { value: list } });
  return group;
}

const FILTERS: Record<string, (this: FilterThis, value: any, ...raw: unknown[]) => unknown> = {
  count: (value) => (isMapping(value) ? entriesOf(value).length : toList(value).length),
  sum: (values, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const attribute = args[0] ?? kwargs.attribute;
    const start = (args[1] ?? kwargs.start ?? 0) as number;
    let float = isFloat(start);
    const total = toList(values).reduce<number>((sum, item) => {
      const value = attribute === undefined || attribute === null ? item : attributeOf(item, String(attribute));
      float ||= isFloat(value);
      return sum + (value as number);
    }, start);
    return float ? asFloat(total) : total;
  },
  dictsort: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const caseSensitive = (args[0] ?? kwargs.case_sensitive ?? false) as boolean;
    const by = (args[1] ?? kwargs.by ?? 'key') as string;
    const reverse = (args[2] ?? kwargs.reverse ?? false) as boolean;
    if (by !== 'key' && by !== 'value') throw new Error("dictsort: 'by' must be 'key' or 'value'");
    const position = by === 'key' ? 0 : 1;
    const items = (value instanceof Map ? Array.from(value.entries()) : entriesOf(value as Mapping)).map(pyTuple);
    items.sort((a, b) => compareKeys(a[position], b[position], caseSensitive) * (reverse ? -1 : 1));
    return items;
  },
  // Jinja2's truncate leaves text up to `leeway` (5) characters too long alone, and cuts at a word unless killwords.
  truncate: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const text = pyStr(value);
    const length = Number(args[0] ?? kwargs.length ?? 255);
    const killwords = pyBool(args[1] ?? kwargs.killwords ?? false);
    const end = pyStr(args[2] ?? kwargs.end ?? '...');
    const leeway = Number(args[3] ?? kwargs.leeway ?? 5);
    if (text.length <= length + leeway) return text;
    if (killwords) return text.slice(0, length - end.length) + end;
    const cut = text.slice(0, length - end.length);
    const space = cut.lastIndexOf(' ');
    return (space < 0 ? cut : cut.slice(0, space)) + end;
  },
  groupby: (values, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const attribute = String(args[0] ?? kwargs.attribute);
    const fallback = args[1] ?? kwargs.default;
    const caseSensitive = (args[2] ?? kwargs.case_sensitive ?? false) as boolean;
    const keyOf = (item: unknown) => attributeOf(item, attribute) ?? fallback;
    const sorted = toList(values)
      .slice()
      .sort((a, b) => compareKeys(keyOf(a), keyOf(b), caseSensitive));
    const groups: unknown[][] = [];
    let current: { key: unknown; items: unknown[] } | undefined;
    for (const item of sorted) {
      const key = keyOf(item);
      if (!current || compareKeys(current.key, key, caseSensitive) !== 0) {
        current = { key, items: [] };
        groups.push(groupTuple(key, current.items));
      }
      current.items.push(item);
    }
    return groups;
  },
  tojson(value, ...raw) {
    const { args, kwargs } = splitCallArgs(raw);
    const json = pyJsonDumps(value, { indent: (args[0] ?? kwargs.indent) as number | undefined, sortKeys: (kwargs.sort_keys ?? true) as boolean });
    return json.replace(/[<>&']/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
  },
  list: (value) => toList(value).slice(),
  // Jinja joins any iterable (a string's characters, a dict's keys, nothing for undefined) with str() of each item.
  join: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const separator = pyStr(args[0] ?? kwargs.d ?? '');
    const attribute = args[1] ?? kwargs.attribute;
    return toList(value)
      .map((item) => pyStr(attribute === undefined || attribute === null ? item : attributeOf(item, String(attribute))))
      .join(separator);
  },
  items: (value) => (value === undefined || value === null ? [] : (value instanceof Map ? Array.from(value.entries()) : entriesOf(value)).map(pyTuple)),
  // Jinja2's trim is str(value).strip(chars): None trims to 'None', undefined to ''.
  trim: (value, chars) => {
    const text = pyStr(value);
    if (chars === undefined || chars === null) return text.trim();
    const set = new Set(Array.from(pyStr(chars)));
    let start = 0;
    let end = text.length;
    while (start < end && set.has(text[start])) start++;
    while (end > start && set.has(text[end - 1])) end--;
    return text.slice(start, end);
  },
  string: (value) => pyStr(value),
  abs: (value) => (isFloat(value) ? asFloat(Math.abs(Number(value))) : Math.abs(value)),
  /** Jinja2's round: always a float; 'common' rounds as Python's round() does, half to even. */
  round: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    const precision = Number(args[0] ?? kwargs.precision ?? 0);
    const method = String(args[1] ?? kwargs.method ?? 'common');
    const scale = 10 ** precision;
    const scaled = Number(value) * scale;
    if (method === 'ceil') return asFloat(Math.ceil(scaled) / scale);
    if (method === 'floor') return asFloat(Math.floor(scaled) / scale);
    if (method !== 'common') throw new Error("FilterArgumentError: method must be 'common', 'ceil' or 'floor'");
    const nearest = Math.round(scaled);
    const halfway = Math.abs(scaled % 1) === 0.5;
    return asFloat((halfway && nearest % 2 !== 0 ? nearest - 1 : nearest) / scale);
  },
  int: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    return pyInt(value, args[0] ?? kwargs.default ?? 0, args[1] ?? kwargs.base ?? 10);
  },
  float: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    return pyFloat(value, args[0] ?? kwargs.default ?? asFloat(0));
  },
  bool: (value) => (isStringLike(value) ? ['true', 'yes', 'on', '1'].includes(textOf(value).trim().toLowerCase()) : pyBool(value)),
  default: (value, ...raw) => {
    const { args, kwargs } = splitCallArgs(raw);
    // A given default is the default even when it is None (`x | default(none)`) or undefined itself.
    const fallback = args.length > 0 ? args[0] : 'default_value' in kwargs ? kwargs.default_value : '';
    const checkTruth = args.length > 1 ? args[1] : (kwargs.boolean ?? false);
    return (checkTruth ? pyBool(value) : value !== undefined) ? value : fallback;
  },
  map(values, ...raw) {
    const { args, kwargs } = splitCallArgs(raw);
    if (kwargs.attribute !== undefined) {
      return toList(values).map((item) => attributeOf(item, String(kwargs.attribute)) ?? kwargs.default);
    }
    const [name, ...filterArgs] = args;
    const filter = this.env.getFilter(String(name));
    return toList(values).map((item) => filter.call(this, item, ...filterArgs));
  },
  select(values, ...raw) {
    return selectByTest(this, values, raw, true, false);
  },
  reject(values, ...raw) {
    return selectByTest(this, values, raw, false, false);
  },
  selectattr(values, ...raw) {
    return selectByTest(this, values, raw, true, true);
  },
  rejectattr(values, ...raw) {
    return selectByTest(this, values, raw, false, true);
  },
  unique(values, ...raw) {
    const { kwargs } = splitCallArgs(raw);
    const seen = new Set<unknown>();
    return toList(values).filter((item) => {
      const key = uniqueKey(kwargs.attribute === undefined ? item : attributeOf(item, String(kwargs.attribute)), kwargs.case_sensitive === true);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  min: (values, ...raw) => extremum(values, raw, false),
  max: (values, ...raw) => extremum(values, raw, true),
  attr: (value, name) => pyMemberLookup(value, name),
  format(value, ...raw) {
    const { args, kwargs } = splitCallArgs(raw);
    return percentFormat(pyStr(value), Object.keys(kwargs).length ? kwargs : args);
  },
  // dbt's own filters
  as_text: (value) => pyStr(value),
  as_bool: (value) => literalValue(value),
  as_number: (value) => literalValue(value),
  as_native: (value) => literalValue(value),
};

const isNone: TestFunction = (value) => value === null;

const TESTS: Record<string, TestFunction> = {
  // Python's modulo: -3 is odd.
  odd: (value) => Math.abs(value as number) % 2 === 1,
  even: (value) => (value as number) % 2 === 0,
  none: isNone,
  None: isNone,
  true: (value) => value === true,
  True: (value) => value === true,
  false: (value) => value === false,
  False: (value) => value === false,
  boolean: (value) => typeof value === 'boolean',
  string: (value) => isStringLike(value),
  number: (value) => typeof value === 'number' || value instanceof PyFloat,
  integer: (value) => Number.isInteger(value),
  float: isFloat,
  // Host objects that dbt exposes as mappings (Relation) declare it with DICT_LIKE.
  mapping: (value) => isMapping(value) || value instanceof Map || (typeof value === 'object' && value !== null && DICT_LIKE in value),
  iterable: (value) =>
    isStringLike(value) || Array.isArray(value) || isMapping(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value),
  sequence: (value) => isStringLike(value) || Array.isArray(value) || isMapping(value),
  in: (value, container) => {
    if (isStringLike(container)) return textOf(container).includes(pyStr(value));
    return toList(container).some((item) => item === value);
  },
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

/** `namespace(found=false)`: an object whose attributes `{% set ns.found = true %}` may assign. */
function namespace(...raw: unknown[]): Mapping {
  const { args, kwargs } = splitCallArgs(raw);
  return Object.assign({}, ...args.filter(isMapping), kwargs);
}

/** `dict(a=1)`, `dict(other)`, `dict([('a', 1)])`; a host object with `items()` (an agate row) gives its items. */
function dict(...raw: unknown[]): Mapping {
  const { args, kwargs } = splitCallArgs(raw);
  const result: Mapping = {};
  for (const source of args) {
    const items = (source as { items?: unknown } | null)?.items;
    const entries =
      typeof items === 'function'
        ? (items.call(source) as [string, unknown][])
        : Array.isArray(source)
          ? (source as [string, unknown][])
          : entriesOf((source ?? {}) as Mapping);
    for (const [key, value] of entries) result[key] = value;
  }
  return Object.assign(result, kwargs);
}

/** Whether the environment has a filter or test of that name (`'upper' is filter`). */
function registered(env: { filters: Mapping; tests: Mapping }, kind: 'filters' | 'tests'): TestFunction {
  return (value) => isStringLike(value) && Object.prototype.hasOwnProperty.call(env[kind], textOf(value));
}

export function installBuiltins(env: nunjucks.Environment): void {
  for (const [name, filter] of Object.entries(FILTERS)) env.addFilter(name, filter);
  env.addFilter('d', FILTERS.default);
  for (const [name, test] of Object.entries(TESTS)) (env as nunjucks.Environment & TestRegistry).addTest(name, test);
  const registry = env as unknown as { filters: Mapping; tests: Mapping } & TestRegistry;
  registry.addTest('filter', registered(registry, 'filters'));
  registry.addTest('test', registered(registry, 'tests'));
  env.addGlobal('namespace', namespace);
  env.addGlobal('dict', dict);
  env.addGlobal('return', raiseMacroReturn);
}
