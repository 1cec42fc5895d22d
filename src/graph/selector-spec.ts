import { SelectorSyntaxError } from './selector-error';

/** Every method a selector may name before its ':'. */
export const SELECTOR_METHODS = [
  'fqn',
  'tag',
  'group',
  'access',
  'source',
  'path',
  'file',
  'package',
  'config',
  'test_name',
  'test_type',
  'resource_type',
  'state',
  'result',
  'exposure',
  'version',
  'unit_test',
] as const;

export type SelectorMethodName = (typeof SELECTOR_METHODS)[number];

/** One selector such as `2+config.materialized:table+1`, parsed. */
export interface SelectionCriterion {
  raw: string;
  method: SelectorMethodName;
  /** What follows the method name: `['materialized']` for `config.materialized`. */
  methodArguments: string[];
  value: string;
  /** `@x`: x, its descendants, and every ancestor of those. */
  childrensParents: boolean;
  /** `+x` / `2+x`; depth undefined means unlimited. */
  parents: boolean;
  parentsDepth?: number;
  /** `x+` / `x+1`. */
  children: boolean;
  childrenDepth?: number;
}

/** Space-separated tokens are a union; within a token, commas intersect. */
export type ParsedSelection = SelectionCriterion[][];

const SELECTOR_PATTERN = /^(@)?(?:(\d*)\+)?(?:([\w.]+):)?(.*?)(?:\+(\d*))?$/s;

/** Accepts CLI tokens as given (`['a', 'b,c']`) as well as one space-separated string (`'a b,c'`). */
export function parseSelection(items: string[]): ParsedSelection {
  return items
    .flatMap((item) => item.split(/\s+/))
    .filter((token) => token !== '')
    .map((token) => token.split(',').map(parseCriterion));
}

export function parseCriterion(raw: string): SelectionCriterion {
  const match = SELECTOR_PATTERN.exec(raw);
  if (!match) throw new SelectorSyntaxError(`Invalid selector "${raw}".`);
  const [, at, parentsDepth, rawMethod, value, childrenDepth] = match;
  // An optional group that did not take part is undefined; one that matched '+' alone is ''.
  const parents = parentsDepth !== undefined;
  const children = childrenDepth !== undefined;
  if (value === '') {
    throw new SelectorSyntaxError(`Invalid selector "${raw}": nothing to select. Write a name, a path or method:value.`);
  }
  if (at && children) {
    throw new SelectorSyntaxError(`Invalid selector "${raw}": the "@" prefix and the "+" suffix cannot be combined. Use "@x" or "+x+".`);
  }
  const { method, methodArguments } = rawMethod === undefined ? defaultMethod(value) : namedMethod(rawMethod, raw);
  return {
    raw,
    method,
    methodArguments,
    value,
    childrensParents: at !== undefined,
    parents,
    parentsDepth: depthOf(parentsDepth),
    children,
    childrenDepth: depthOf(childrenDepth),
  };
}

/** dbt's guess for a bare value: a path if it has a slash, a file name if it ends like one, else a name. */
function defaultMethod(value: string): { method: SelectorMethodName; methodArguments: string[] } {
  if (value.includes('/') || value.includes('\\')) return { method: 'path', methodArguments: [] };
  if (/\.(sql|py|csv)$/i.test(value)) return { method: 'file', methodArguments: [] };
  return { method: 'fqn', methodArguments: [] };
}

function namedMethod(rawMethod: string, raw: string): { method: SelectorMethodName; methodArguments: string[] } {
  const [name, ...methodArguments] = rawMethod.split('.');
  if (!(SELECTOR_METHODS as readonly string[]).includes(name)) {
    throw new SelectorSyntaxError(`Invalid selector "${raw}": "${name}" is not a selection method. Valid methods: ${SELECTOR_METHODS.join(', ')}.`);
  }
  if (name === 'config' && methodArguments.length === 0) {
    throw new SelectorSyntaxError(`Invalid selector "${raw}": name the config key, as in "config.materialized:table".`);
  }
  return { method: name as SelectorMethodName, methodArguments };
}

function depthOf(digits: string | undefined): number | undefined {
  return digits === undefined || digits === '' ? undefined : Number(digits);
}
