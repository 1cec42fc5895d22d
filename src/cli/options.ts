import { parse as parseYamlText } from 'yaml';
import { ProjectError } from '../errors';
import { isPlainObject } from '../project/yaml-file';

/** Flags every command accepts, as dbt names them. */
export interface GlobalOptions {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  targetPath?: string;
  vars: Record<string, unknown>;
  select: string[];
  exclude: string[];
  logFormat: 'text' | 'json';
  quiet: boolean;
  threads?: number;
  /** --state: the folder holding a previous run's manifest.json (and run_results.json). */
  state?: string;
  defer: boolean;
  favorState: boolean;
}

export interface RawOptions {
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  targetPath?: string;
  vars?: string;
  select?: string[];
  models?: string[];
  exclude?: string[];
  logFormat?: string;
  quiet?: boolean;
  threads?: string;
  state?: string;
  defer?: boolean;
  favorState?: boolean;
}

export function globalOptions(raw: RawOptions): GlobalOptions {
  const logFormat = raw.logFormat ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') throw new ProjectError(`--log-format must be text or json, not '${logFormat}'`);
  let threads: number | undefined;
  if (raw.threads !== undefined) {
    threads = Number(raw.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new ProjectError(`--threads must be a positive integer, not '${raw.threads}'`);
  }
  if ((raw.defer || raw.favorState) && !raw.state) {
    throw new ProjectError(
      `--${raw.defer ? 'defer' : 'favor-state'} needs a previous run to take relations from`,
      undefined,
      "add --state <folder holding that run's manifest.json>",
    );
  }
  return {
    projectDir: raw.projectDir ?? process.cwd(),
    profilesDir: raw.profilesDir,
    target: raw.target,
    targetPath: raw.targetPath,
    vars: parseVars(raw.vars),
    select: [...(raw.select ?? []), ...(raw.models ?? [])],
    exclude: raw.exclude ?? [],
    logFormat,
    quiet: raw.quiet ?? false,
    threads,
    state: raw.state,
    defer: raw.defer ?? false,
    favorState: raw.favorState ?? false,
  };
}

/** --vars takes YAML or JSON: `{key: value}`. */
export function parseVars(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = parseYamlText(text);
  } catch (error) {
    throw new ProjectError(`--vars is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, undefined, `write it as --vars '{key: value}'`);
  }
  if (!isPlainObject(value)) throw new ProjectError('--vars must be a mapping', undefined, `write it as --vars '{key: value}'`);
  return value;
}
