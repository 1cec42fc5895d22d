import path from 'node:path';
import { ProjectError } from '../errors';
import type { IndirectSelection } from '../graph/selector';
import { isPlainObject, parseYamlValue } from '../project/yaml-file';
import type { Flags } from './resolve-flags';

/** What a Session needs of the flags: the project, profile and selection. */
export interface GlobalOptions {
  projectDir: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  targetPath?: string;
  vars: Record<string, unknown>;
  select: string[];
  exclude: string[];
  /** --selector: a selector of selectors.yml, used instead of --select/--exclude. */
  selector?: string;
  indirectSelection: IndirectSelection;
  threads?: number;
  /** --state: the folder holding a previous run's manifest.json (and run_results.json). */
  state?: string;
  /** --defer-state: the run --defer reads from, when it is not --state. */
  deferState?: string;
  defer: boolean;
  favorState: boolean;
}

export function globalOptions(flags: Flags): GlobalOptions {
  const defer = flags.bool('defer');
  const favorState = flags.bool('favor_state');
  const state = flags.str('state');
  const deferState = flags.str('defer_state');
  if ((defer || favorState) && !state && !deferState) {
    throw new ProjectError(
      `--${defer ? 'defer' : 'favor-state'} needs a previous run to take relations from`,
      undefined,
      "add --state <folder holding that run's manifest.json>",
    );
  }
  const selector = flags.str('selector');
  const select = [...flags.list('select'), ...flags.list('models')];
  if (selector && (select.length > 0 || flags.list('exclude').length > 0)) {
    throw new ProjectError(
      '--selector cannot be combined with --select or --exclude',
      undefined,
      'put the whole selection in the selector, or drop --selector',
    );
  }
  return {
    projectDir: projectDirOf(flags),
    profilesDir: flags.str('profiles_dir'),
    profile: flags.str('profile'),
    target: flags.str('target'),
    targetPath: flags.str('target_path'),
    vars: parseVars(flags.str('vars')),
    select,
    exclude: flags.list('exclude'),
    selector,
    indirectSelection: (flags.str('indirect_selection') ?? 'eager') as IndirectSelection,
    threads: flags.int('threads', 1),
    state,
    deferState,
    defer,
    favorState,
  };
}

/** --project-dir, else $DBT_PROJECT_DIR, else the current folder. */
export function projectDirOf(flags: Flags): string {
  return path.resolve(flags.str('project_dir') ?? process.cwd());
}

/** --vars takes YAML or JSON: `{key: value}`. */
export function parseVars(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = parseYamlValue(text);
  } catch (error) {
    throw new ProjectError(`--vars is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, undefined, `write it as --vars '{key: value}'`);
  }
  if (!isPlainObject(value)) throw new ProjectError('--vars must be a mapping', undefined, `write it as --vars '{key: value}'`);
  return value;
}
