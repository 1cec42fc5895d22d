import { parse as parseYaml } from 'yaml';
import { ProjectError } from '../errors';
import type { EventName } from './events';

/** Warning-level events that report a run (dbt fires them as they are, never through warn_or_error). */
const REPORTS_ONLY = new Set<EventName>(['RunResultWarning', 'EndOfRunSummary', 'NothingToDo', 'LogTestResult', 'LogFreshnessResult', 'SkippingDetails']);

/**
 * --warn-error and --warn-error-options, as dbt reads them: `error` (or its old name `include`) lists the warnings
 * that become errors, or 'all'/'*'; `warn` (`exclude`) keeps some as warnings; `silence` drops them.
 */
export class WarnErrorPolicy {
  private constructor(
    private readonly error: Set<string>,
    private readonly warn: Set<string>,
    private readonly silence: Set<string>,
  ) {}

  static from(warnError: boolean, options: unknown): WarnErrorPolicy {
    const spec = checkedOptions(typeof options === 'string' ? parseOptions(options) : options);
    const names = (key: string, old?: string): Set<string> => {
      const value = spec[key] ?? (old ? spec[old] : undefined);
      if (value === undefined || value === null) return new Set();
      return new Set(Array.isArray(value) ? value.map(String) : [String(value)]);
    };
    const error = names('error', 'include');
    if (warnError) error.add('all');
    return new WarnErrorPolicy(error, names('warn', 'exclude'), names('silence'));
  }

  verdict(name: EventName): 'warn' | 'error' | 'silence' {
    if (REPORTS_ONLY.has(name)) return 'warn';
    if (this.silence.has(name)) return 'silence';
    if (this.warn.has(name)) return 'warn';
    return this.error.has('all') || this.error.has('*') || this.error.has(name) ? 'error' : 'warn';
  }

  promote(name: EventName, message: string): ProjectError {
    return new ProjectError(message, undefined, `this warning (${name}) is an error because of --warn-error or --warn-error-options`);
  }
}

function parseOptions(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ProjectError(`--warn-error-options is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The options as given on the command line (parsed) or in the project file's `flags:` (a mapping already). */
function checkedOptions(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ProjectError(
      '--warn-error-options must be a mapping',
      undefined,
      "write it as --warn-error-options '{error: all, warn: [NoNodesForSelectionCriteria]}'",
    );
  }
  for (const key of Object.keys(value)) {
    if (!['error', 'warn', 'include', 'exclude', 'silence'].includes(key)) {
      throw new ProjectError(`--warn-error-options has an unknown key '${key}'`, undefined, 'use error, warn or silence');
    }
  }
  return value as Record<string, unknown>;
}
