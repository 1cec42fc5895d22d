import { GLOBAL_PARAMS, RESOURCE_TYPE_PARAMS, RUN_PARAMS, SELECTION_PARAMS } from '../../../src/cli/params';
import { resolveFlags } from '../../../src/cli/resolve-flags';

const PARAMS = [...GLOBAL_PARAMS, ...SELECTION_PARAMS, ...RESOURCE_TYPE_PARAMS, ...RUN_PARAMS];

describe('flag precedence, as dbt: command line > environment variable > project flags: > default', () => {
  test('each source wins over the ones below it', () => {
    const project = { log_format: 'json', fail_fast: true, log_level: 'warn' };
    const env = { DBT_LOG_FORMAT: 'text', DBT_LOG_LEVEL: 'error' };
    const flags = resolveFlags(PARAMS, { log_format: 'debug' }, env, project);
    expect(flags.str('log_format')).toBe('debug');
    expect(flags.source('log_format')).toBe('cli');
    expect(flags.str('log_level')).toBe('error');
    expect(flags.source('log_level')).toBe('env');
    expect(flags.bool('fail_fast')).toBe(true);
    expect(flags.source('fail_fast')).toBe('project');
    expect(flags.str('indirect_selection')).toBe('eager');
    expect(flags.source('indirect_selection')).toBe('default');
  });

  test('boolean environment variables are read as click reads them', () => {
    expect(resolveFlags(PARAMS, {}, { DBT_QUIET: 'false' }, {}).bool('quiet')).toBe(false);
    expect(resolveFlags(PARAMS, {}, { DBT_QUIET: 'True' }, {}).bool('quiet')).toBe(true);
    expect(resolveFlags(PARAMS, {}, { DBT_FAIL_FAST: '1' }, { fail_fast: false }).bool('fail_fast')).toBe(true);
    expect(() => resolveFlags(PARAMS, {}, { DBT_QUIET: 'maybe' }, {})).toThrow(/DBT_QUIET='maybe' is not a boolean/);
  });

  test('--no-<flag> on the command line beats a true environment variable', () => {
    expect(resolveFlags(PARAMS, { use_colors: false }, { DBT_USE_COLORS: 'true' }, {}).bool('use_colors')).toBe(false);
  });

  test('choices are checked for environment variables and project flags too', () => {
    expect(() => resolveFlags(PARAMS, {}, { DBT_LOG_FORMAT: 'xml' }, {})).toThrow(/DBT_LOG_FORMAT must be one of text, debug, json, default, not 'xml'/);
    expect(() => resolveFlags(PARAMS, {}, {}, { indirect_selection: 'lazy' })).toThrow(/flags: indirect_selection/);
  });

  test('project flags set only the flags dbt allows there', () => {
    // `target` is not a project flag in dbt: `flags: {target: prod}` changes nothing.
    const flags = resolveFlags(PARAMS, {}, {}, { target: 'prod', quiet: true });
    expect(flags.str('target')).toBeUndefined();
    expect(flags.bool('quiet')).toBe(true);
  });

  test("list flags from the environment split on spaces, and Jinja's flags are upper-cased", () => {
    expect(resolveFlags(PARAMS, {}, { DBT_RESOURCE_TYPES: 'model  seed' }, {}).list('resource_types')).toEqual(['model', 'seed']);
    const flags = resolveFlags(PARAMS, { full_refresh: true }, {}, {});
    expect(flags.forJinja('run')).toMatchObject({ WHICH: 'run', FULL_REFRESH: true, FAIL_FAST: false });
    expect(flags.given()).toEqual({ full_refresh: true });
  });
});
