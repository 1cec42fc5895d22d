import { ProjectError } from '../errors';
import type { Param } from './params';

/** Where a flag's value came from, highest precedence first (as dbt: command line > env var > `flags:` > default). */
export type FlagSource = 'cli' | 'env' | 'project' | 'default';

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

export function kindOf(param: Param): 'boolean' | 'string' | 'list' {
  if (/<[^>]*\.\.\.>/.test(param.flags)) return 'list';
  return /<[^>]*>/.test(param.flags) ? 'string' : 'boolean';
}

/** The resolved flags of one invocation, by dbt's names. */
export class Flags {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly sources: Record<string, FlagSource> = {},
  ) {}

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  source(name: string): FlagSource | undefined {
    return this.sources[name];
  }

  bool(name: string): boolean {
    return this.values[name] === true;
  }

  /** The value as given: a mapping from the project file's `flags:` stays one (`warn_error_options: {silence: [...]}`). */
  value(name: string): unknown {
    return this.values[name];
  }

  str(name: string): string | undefined {
    const value = this.values[name];
    return value === undefined || value === null ? undefined : String(value);
  }

  list(name: string): string[] {
    const value = this.values[name];
    return value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  }

  /** A whole number flag, checked (`--threads 0` and `--threads x` are usage errors). */
  int(name: string, minimum = 0): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < minimum) {
      throw new ProjectError(`--${name.replace(/_/g, '-')} must be a whole number of at least ${minimum}, not '${String(value)}'`);
    }
    return n;
  }

  /** What Jinja's `flags` shows: dbt's upper-case names (`flags.FULL_REFRESH`, `flags.WHICH`). */
  forJinja(which: string): Record<string, unknown> {
    const upper: Record<string, unknown> = { WHICH: which };
    for (const [name, value] of Object.entries(this.values)) upper[name.toUpperCase()] = value;
    return upper;
  }

  /** The flags set by the user (not defaults), for run_results.json `args`. */
  given(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.values).filter(([name, value]) => value !== undefined && this.sources[name] !== 'default'));
  }
}

/** One flag's value from the environment, parsed as click parses it (booleans by word, lists split on spaces). */
function fromEnv(param: Param, text: string): unknown {
  const kind = kindOf(param);
  if (kind === 'boolean') {
    const word = text.trim().toLowerCase();
    if (TRUE.has(word)) return true;
    if (FALSE.has(word)) return false;
    throw new ProjectError(`${param.env}='${text}' is not a boolean`, undefined, `set ${param.env} to true or false`);
  }
  return kind === 'list' ? text.split(/\s+/).filter(Boolean) : text;
}

function checkChoice(param: Param, value: unknown, where: string): void {
  if (!param.choices) return;
  for (const item of Array.isArray(value) ? value : [value]) {
    const text = String(item).toLowerCase();
    if (!param.choices.includes(text)) throw new ProjectError(`${where} must be one of ${param.choices.join(', ')}, not '${String(item)}'`);
  }
}

/**
 * Each parameter's value: from the command line, else its environment variable, else `flags:` in the project file
 * (for the flags dbt allows there), else its default.
 */
export function resolveFlags(params: readonly Param[], cli: Record<string, unknown>, env: NodeJS.ProcessEnv, projectFlags: Record<string, unknown>): Flags {
  const values: Record<string, unknown> = {};
  const sources: Record<string, FlagSource> = {};
  for (const param of params) {
    if (param.name in sources) continue;
    const envText = param.env ? env[param.env] : undefined;
    if (cli[param.name] !== undefined) {
      values[param.name] = cli[param.name];
      sources[param.name] = 'cli';
    } else if (envText !== undefined && envText !== '') {
      values[param.name] = fromEnv(param, envText);
      checkChoice(param, values[param.name], param.env!);
      sources[param.name] = 'env';
    } else if (param.project && projectFlags[param.name] !== undefined) {
      values[param.name] = projectFlags[param.name];
      checkChoice(param, values[param.name], `flags: ${param.name} in the project file`);
      sources[param.name] = 'project';
    } else {
      values[param.name] = param.default;
      sources[param.name] = 'default';
    }
    if (typeof values[param.name] === 'string' && param.choices) values[param.name] = (values[param.name] as string).toLowerCase();
  }
  return new Flags(values, sources);
}
