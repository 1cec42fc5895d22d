import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectError } from '../errors';
import { isPlainObject, readYaml } from './yaml-file';

/** The resolved output of a profile: where and how tsdbt builds. */
export interface Target {
  profileName: string;
  name: string;
  type: string;
  /** Absolute path of the database file, or ':memory:'. */
  path: string;
  database: string;
  schema: string;
  threads: number;
  /** The threads the profile sets (1 when it sets none), whatever --threads says: a kept parse outlives the flag. */
  profileThreads: number;
  settings: Record<string, string | number | boolean>;
  extensions: string[];
  /** How to reach the server, for `type: postgres` (dbt-postgres' keys). */
  postgres?: PostgresCredentials;
  /** Where it came from: a profiles.yml path, or 'built-in default'. */
  origin: string;
}

export interface PostgresCredentials {
  host: string;
  port: number;
  user: string;
  password?: string;
  dbname: string;
  /** Seconds to wait for a connection. */
  connectTimeout: number;
  sslmode?: string;
  searchPath?: string;
  role?: string;
  /** Seconds of idleness before TCP keepalives start; 0 leaves the system default. */
  keepalivesIdle: number;
  /** Further attempts after a failed connection. */
  retries: number;
  applicationName: string;
}

export interface TargetOptions {
  profileName: string;
  projectName: string;
  projectDir: string;
  profilesDir?: string;
  targetName?: string;
  threads?: number;
  /** Renders `{{ env_var(...) }}` and friends inside profile values. */
  render: (text: string, file: string) => unknown;
}

export function profilesCandidates(projectDir: string, profilesDir?: string): string[] {
  const dirs = [profilesDir, process.env.DBT_PROFILES_DIR, projectDir, path.join(os.homedir(), '.dbt')];
  return dirs.filter((d): d is string => !!d).map((d) => path.resolve(d, 'profiles.yml'));
}

export function resolveTarget(options: TargetOptions): Target {
  const candidates = profilesCandidates(options.projectDir, options.profilesDir);
  if (options.profilesDir && !existsSync(candidates[0])) {
    throw new ProjectError(`no profiles.yml in --profiles-dir ${options.profilesDir}`, undefined, 'point --profiles-dir at the folder that holds profiles.yml');
  }
  const searched: string[] = [];
  for (const file of candidates) {
    if (!existsSync(file) || searched.includes(file)) continue;
    searched.push(file);
    const yaml = readYaml(file, file);
    const profiles = isPlainObject(yaml.value) ? yaml.value : {};
    const profile = profiles[options.profileName];
    if (profile === undefined) continue;
    return targetFromProfile(profile, file, yaml.lineOf([options.profileName]), options);
  }
  // The embedded default is for a project with no profiles.yml anywhere; a profiles.yml without the profile is dbt's error.
  if (searched.length === 0) return defaultTarget(options);
  throw new ProjectError(
    `Could not find profile named '${options.profileName}'`,
    undefined,
    `the project's \`profile:\` names a profile that ${searched.join(' and ')} ${searched.length === 1 ? 'does' : 'do'} not hold: add it there, or fix the name`,
  );
}

/** No profile anywhere: an embedded DuckDB file named after the project, in the project folder. */
function defaultTarget(options: TargetOptions): Target {
  const target = options.targetName ?? 'dev';
  return {
    profileName: options.profileName,
    name: target,
    type: 'duckdb',
    path: path.join(options.projectDir, `${options.projectName}.duckdb`),
    database: options.projectName,
    schema: 'main',
    threads: options.threads ?? 1,
    profileThreads: 1,
    settings: {},
    extensions: [],
    origin: 'built-in default',
  };
}

function targetFromProfile(profile: unknown, file: string, line: number | undefined, options: TargetOptions): Target {
  const where = { file, line };
  if (!isPlainObject(profile) || !isPlainObject(profile.outputs)) {
    throw new ProjectError(`profile '${options.profileName}' has no \`outputs:\``, where, 'add `outputs:` with at least one target');
  }
  const targetName = options.targetName ?? (typeof profile.target === 'string' ? String(options.render(profile.target, file)) : 'dev');
  const output = profile.outputs[targetName];
  if (!isPlainObject(output)) {
    throw new ProjectError(
      `target '${targetName}' is not among the outputs of profile '${options.profileName}' (${Object.keys(profile.outputs).join(', ')})`,
      where,
      'pass one of those with --target, or add it to profiles.yml',
    );
  }
  const rendered = renderStrings(output, (text) => options.render(text, file)) as Record<string, unknown>;
  const type = String(rendered.type ?? '');
  const profileThreads = rendered.threads === undefined ? 1 : Number(rendered.threads);
  const common = {
    profileName: options.profileName,
    name: targetName,
    type,
    threads: options.threads ?? profileThreads,
    profileThreads,
    settings: {},
    extensions: [],
    origin: file,
  };
  if (type === 'postgres') return { ...common, ...postgresTarget(rendered, targetName, where) };
  if (type !== 'duckdb') {
    throw new ProjectError(
      `target '${targetName}' has type '${type}'; tsdbt supports type: duckdb and type: postgres`,
      where,
      'set `type: duckdb` or `type: postgres` in that output',
    );
  }
  const rawPath = rendered.path === undefined ? ':memory:' : String(rendered.path);
  const dbPath = rawPath === ':memory:' || rawPath.startsWith('md:') ? rawPath : path.resolve(options.projectDir, rawPath);
  const database = rendered.database !== undefined ? String(rendered.database) : databaseNameOf(dbPath);
  return {
    ...common,
    path: dbPath,
    database,
    schema: rendered.schema === undefined ? 'main' : String(rendered.schema),
    settings: isPlainObject(rendered.settings) ? (rendered.settings as Target['settings']) : {},
    extensions: Array.isArray(rendered.extensions) ? rendered.extensions.map((e) => (isPlainObject(e) ? String(e.name) : String(e))) : [],
  };
}

/** dbt-postgres' output keys; `pass` and `database` are its aliases of `password` and `dbname`. */
function postgresTarget(
  output: Record<string, unknown>,
  targetName: string,
  where: { file: string; line?: number },
): Pick<Target, 'path' | 'database' | 'schema' | 'postgres'> {
  const text = (key: string, ...aliases: string[]): string | undefined => {
    for (const name of [key, ...aliases]) if (output[name] !== undefined && output[name] !== null) return String(output[name]);
    return undefined;
  };
  const required = (key: string, ...aliases: string[]): string => {
    const value = text(key, ...aliases);
    if (value === undefined || value === '') {
      throw new ProjectError(
        `postgres target '${targetName}' has no \`${key}:\``,
        where,
        `add \`${key}:\` to that output (dbt-postgres needs host, user, dbname and schema)`,
      );
    }
    return value;
  };
  const number = (key: string, fallback: number): number => {
    const value = text(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new ProjectError(`postgres target '${targetName}': \`${key}\` must be a number, got '${value}'`, where);
    return n;
  };
  const dbname = required('dbname', 'database');
  const host = required('host');
  const port = number('port', 5432);
  return {
    path: `postgres://${host}:${port}/${dbname}`,
    database: dbname,
    schema: required('schema'),
    postgres: {
      host,
      port,
      user: required('user', 'username'),
      password: text('password', 'pass'),
      dbname,
      connectTimeout: number('connect_timeout', 10),
      sslmode: text('sslmode'),
      searchPath: text('search_path'),
      role: text('role'),
      keepalivesIdle: number('keepalives_idle', 0),
      retries: number('retries', 1),
      applicationName: text('application_name') ?? 'tsdbt',
    },
  };
}

/** DuckDB names an attached file's catalog after the file's stem. */
export function databaseNameOf(dbPath: string): string {
  if (dbPath === ':memory:') return 'memory';
  return path.basename(dbPath).replace(/\.[^.]*$/, '');
}

function renderStrings(value: unknown, render: (text: string) => unknown): unknown {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value) : value;
  if (Array.isArray(value)) return value.map((v) => renderStrings(v, render));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderStrings(v, render)]));
  return value;
}
