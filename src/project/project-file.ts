import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';
import { isPlainObject, readYaml } from './yaml-file';

/** project.yml (or dbt_project.yml), with dbt's keys and defaults. */
export interface ProjectFile {
  rootDir: string;
  configFile: string; // 'project.yml' or 'dbt_project.yml'
  name: string;
  version?: string;
  /** `require-dbt-version`, as written: a string or a list of version ranges. */
  requireDbtVersion?: unknown;
  profile: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  analysisPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  docsPaths: string[];
  targetPath: string;
  packagesInstallPath: string;
  cleanTargets: string[];
  vars: Record<string, unknown>;
  /** Config trees as written: `models:`, `seeds:`, `data_tests:` (or `tests:`), `snapshots:`, `sources:`, `analyses:`. */
  configTrees: Record<'models' | 'seeds' | 'tests' | 'snapshots' | 'sources' | 'analyses' | 'unit_tests', Record<string, unknown>>;
  dispatch: { macro_namespace: string; search_order: string[] }[];
  quoting: Record<string, boolean>;
  onRunStart: string[];
  onRunEnd: string[];
  flags: Record<string, unknown>;
  queryComment?: unknown;
}

export const PROJECT_FILES = ['project.yml', 'dbt_project.yml'];

/** Keys whose Jinja is rendered when a hook runs, not when the project loads (as dbt does). */
const LATE_RENDERED_KEYS = new Set(['pre-hook', 'post-hook', '+pre-hook', '+post-hook', 'on-run-start', 'on-run-end']);

export function findProjectFile(rootDir: string): string | undefined {
  return PROJECT_FILES.find((f) => existsSync(path.join(rootDir, f)));
}

/**
 * Reads the project file. `renderValue` renders a string holding Jinja (vars, env_var, target) the way dbt renders
 * dbt_project.yml at load; hooks stay raw until they run.
 */
export function loadProjectFile(
  rootDir: string,
  renderValue: (text: string, file: string) => unknown,
  onRead: (unrendered: Record<string, unknown>) => void = () => undefined,
): ProjectFile {
  const configFile = findProjectFile(rootDir);
  if (!configFile) {
    throw new ProjectError(`no project.yml or dbt_project.yml in ${rootDir}`, undefined, 'run tsdbt from the project folder or pass --project-dir <folder>');
  }
  const yaml = readYaml(path.join(rootDir, configFile), configFile);
  if (!isPlainObject(yaml.value)) throw new ProjectError('the project file must be a YAML mapping', { file: configFile, line: 1 });
  // The project's own vars and its target are visible to the Jinja in its configs (`+enabled: "{{ var('x', true) }}"`).
  onRead(yaml.value);
  const raw = renderTree(yaml.value, (text) => renderValue(text, configFile)) as Record<string, unknown>;

  const name = raw.name;
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ProjectError(
      `project name ${JSON.stringify(name)} is missing or not a valid identifier`,
      { file: configFile, line: yaml.lineOf(['name']) ?? 1 },
      'set `name:` to letters, digits and underscores, starting with a letter',
    );
  }
  const paths = (key: string, fallback: string[]): string[] => {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((p) => typeof p === 'string')) {
      throw new ProjectError(`\`${key}\` must be a list of folder names`, { file: configFile, line: yaml.lineOf([key]) });
    }
    return list as string[];
  };
  const targetPath = typeof raw['target-path'] === 'string' ? (raw['target-path'] as string) : 'target';
  const modelPaths = paths('model-paths', paths('source-paths', ['models']));
  const seedPaths = paths('seed-paths', paths('data-paths', ['seeds']));
  const testPaths = paths('test-paths', ['tests']);
  const analysisPaths = paths('analysis-paths', ['analyses']);
  const macroPaths = paths('macro-paths', ['macros']);
  const snapshotPaths = paths('snapshot-paths', ['snapshots']);
  const tree = (key: string): Record<string, unknown> => (isPlainObject(raw[key]) ? (raw[key] as Record<string, unknown>) : {});
  const hooks = (key: string): string[] => {
    const value = raw[key];
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  };
  return {
    rootDir,
    configFile,
    name,
    version: raw.version === undefined ? undefined : String(raw.version),
    profile: typeof raw.profile === 'string' ? raw.profile : name,
    modelPaths,
    seedPaths,
    testPaths,
    analysisPaths,
    macroPaths,
    snapshotPaths,
    docsPaths: paths('docs-paths', [...modelPaths, ...seedPaths, ...testPaths, ...analysisPaths, ...macroPaths, ...snapshotPaths]),
    targetPath,
    packagesInstallPath: typeof raw['packages-install-path'] === 'string' ? (raw['packages-install-path'] as string) : 'dbt_packages',
    cleanTargets: paths('clean-targets', [targetPath]),
    vars: isPlainObject(raw.vars) ? raw.vars : {},
    configTrees: {
      models: tree('models'),
      seeds: tree('seeds'),
      tests: { ...tree('tests'), ...tree('data_tests') },
      snapshots: tree('snapshots'),
      sources: tree('sources'),
      analyses: tree('analyses'),
      unit_tests: tree('unit_tests'),
    },
    dispatch: Array.isArray(raw.dispatch) ? (raw.dispatch as ProjectFile['dispatch']) : [],
    quoting: isPlainObject(raw.quoting) ? (raw.quoting as Record<string, boolean>) : {},
    onRunStart: hooks('on-run-start'),
    onRunEnd: hooks('on-run-end'),
    flags: isPlainObject(raw.flags) ? raw.flags : {},
    requireDbtVersion: raw['require-dbt-version'],
    queryComment: raw['query-comment'],
  };
}

function renderTree(value: unknown, render: (text: string) => unknown, key?: string): unknown {
  if (key !== undefined && LATE_RENDERED_KEYS.has(key)) return value;
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value) : value;
  if (Array.isArray(value)) return value.map((v) => renderTree(v, render));
  if (isPlainObject(value)) {
    // `vars` are rendered when used, as dbt does, so that a var may refer to another.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'vars' && key === undefined ? v : renderTree(v, render, k)]));
  }
  return value;
}
