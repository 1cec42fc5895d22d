import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { InvocationContext } from '../jinja/context';
import { compilerFingerprint } from '../jinja/template-cache';
import { holdsPyFloat, revivePyFloats } from '../jinja/compat/python-values';
import { stableJson } from '../state/checksum';
import { tsdbtVersion } from '../version';
import { dependencyDag, type Manifest } from './manifest';
import { changedInput, type FileStamp, type FolderStamp, type GlobRecord, type ParseInputs } from './parse-inputs';
import type { ParseOptions } from './parse-project';
import { ParsedProject } from './parsed-project';
import { RenderCache } from './render-cache';

/*
 * Partial parsing, as dbt's partial_parse.msgpack: a full parse leaves the manifest in target/ as plain data with
 * everything it read (files, listings, environment variables, options); the next invocation reloads it when none of
 * that changed and parses the project again otherwise. Loading it needs neither the template engine nor a database:
 * the renderer is built only when a command renders something the render cache does not hold.
 */

/** Changes whenever the stored shape changes. */
const FORMAT = 2;

interface StoredParse {
  format: number;
  fingerprint: string;
  envVars: [string, string | undefined][];
  /** Folder names under the packages install path. */
  packageDirs: string[];
  globs: GlobRecord[];
  stamps: FileStamp[];
  manifest: Omit<Manifest, 'dag'>;
  /** Whether the manifest holds whole floats from YAML, which come back from v8 as plain objects until revived. */
  pyFloats: boolean;
}

/** The parsed project: the one kept in target/ when nothing it read changed, else a new full parse (then kept). */
export function loadProject(options: ParseOptions): ParsedProject {
  const enabled = options.partialParse !== false;
  if (enabled) {
    const reloaded = reload(options);
    if (reloaded) return reloaded;
  } else options.debug?.('Partial parsing not enabled: parsing the whole project');
  const parser = require('./parse-project') as typeof import('./parse-project');
  const { parsed, inputs, invocation } = parser.parseAll(options);
  parsed.manifest.parseId = randomUUID();
  // Kept when the invocation ends, as the other caches are (not when another run holds the database).
  if (enabled) {
    const bytes = serialized(options, parsed.manifest, inputs, invocation);
    parsed.alsoSave(() => write(options, parsed.manifest, bytes));
  }
  return parsed;
}

function storeFile(rootDir: string, targetPath: string): string {
  return path.resolve(rootDir, targetPath, '.tsdbt', 'partial-parse.bin');
}

/**
 * The folder stamps of the stored parse's listings as a later check found them (see changedInput): folders just
 * written when the project was parsed are trusted once a check has listed them again and found the same files.
 */
interface Restamped {
  parseId: string;
  folders: FolderStamp[][];
}

function restampFile(parseFile: string): string {
  return path.join(path.dirname(parseFile), 'partial-parse-folders.json');
}

function readRestamped(parseFile: string, stored: StoredParse): void {
  try {
    const restamped = JSON.parse(readFileSync(restampFile(parseFile), 'utf8')) as Restamped;
    if (restamped.parseId !== stored.manifest.parseId || restamped.folders.length !== stored.globs.length) return;
    stored.globs.forEach((glob, i) => (glob.folders = restamped.folders[i]));
  } catch {
    // None kept: the stored stamps.
  }
}

function writeRestamped(parseFile: string, stored: StoredParse): void {
  const file = restampFile(parseFile);
  const restamped: Restamped = { parseId: stored.manifest.parseId!, folders: stored.globs.map((glob) => glob.folders) };
  try {
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(restamped));
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // The next check lists those folders again.
  }
}

/** What a parse depends on besides files and environment variables: the options given and tsdbt itself. */
function fingerprint(options: ParseOptions): string {
  return stableJson({
    tsdbt: tsdbtVersion(),
    compiler: compilerFingerprint(),
    node: process.version,
    projectDir: path.resolve(options.projectDir),
    profilesDir: options.profilesDir ?? null,
    profilesDirEnv: process.env.DBT_PROFILES_DIR ?? null,
    profile: options.profileName ?? null,
    target: options.targetName ?? null,
    targetPath: options.targetPath ?? null,
    vars: options.vars ?? {},
  });
}

function packageDirs(rootDir: string, manifest: Pick<Manifest, 'project'>): string[] {
  try {
    return readdirSync(path.join(rootDir, manifest.project.packagesInstallPath)).sort();
  } catch {
    return [];
  }
}

/** The parse as it is now: the command may change its nodes before the invocation ends and the parse is kept. */
function serialized(options: ParseOptions, manifest: Manifest, inputs: ParseInputs, invocation: InvocationContext): Buffer {
  const { dag: _dag, ...plain } = manifest;
  const stored: StoredParse = {
    format: FORMAT,
    fingerprint: fingerprint(options),
    envVars: [...(invocation.envVarsRead ?? [])],
    packageDirs: packageDirs(path.resolve(options.projectDir), manifest),
    globs: inputs.globs,
    stamps: inputs.stamps,
    manifest: plain,
    pyFloats: holdsPyFloat(plain),
  };
  return serialize(stored);
}

function write(options: ParseOptions, manifest: Manifest, bytes: Buffer): void {
  const file = storeFile(path.resolve(options.projectDir), manifest.project.targetPath);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so that a reader never sees half a file.
    writeFileSync(`${file}.${process.pid}`, bytes);
    renameSync(`${file}.${process.pid}`, file);
  } catch (error) {
    options.debug?.(`Could not write ${file}: ${(error as Error).message}`);
  }
}

/** Why the stored parse cannot be reused, or the stored parse. */
function check(options: ParseOptions, rootDir: string): StoredParse | string {
  const file = storeFile(rootDir, options.targetPath ?? 'target');
  let stored: StoredParse;
  try {
    stored = deserialize(readFileSync(file)) as StoredParse;
    if (stored?.pyFloats) revivePyFloats(stored.manifest);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no saved parse' : `the saved parse is unreadable (${(error as Error).message})`;
  }
  if (stored?.format !== FORMAT) return 'the saved parse is of another format';
  if (stored.fingerprint !== fingerprint(options)) return 'tsdbt, its options (--vars, --target, --profile, ...) or DBT_PROFILES_DIR changed';
  for (const [name, value] of stored.envVars) if (process.env[name] !== value) return `environment variable ${name} changed`;
  const dirs = packageDirs(rootDir, stored.manifest);
  if (dirs.join('\0') !== stored.packageDirs.join('\0')) return 'installed packages changed';
  readRestamped(file, stored);
  let restamped = false;
  const changed = changedInput(stored.globs, stored.stamps, () => (restamped = true));
  if (changed) return changed;
  if (restamped) writeRestamped(file, stored);
  return stored;
}

function reload(options: ParseOptions): ParsedProject | undefined {
  const rootDir = path.resolve(options.projectDir);
  const stored = check(options, rootDir);
  if (typeof stored === 'string') {
    options.debug?.(`Unable to do partial parsing because ${stored}: parsing the whole project`);
    return undefined;
  }
  // --threads changes how many nodes run at once, not what the parse holds (dbt does not parse again for it either).
  const target = { ...stored.manifest.target, threads: options.threads ?? stored.manifest.target.profileThreads };
  const manifest: Manifest = { ...stored.manifest, target, dag: dependencyDag(stored.manifest) };
  const parser = () => require('./parse-project') as typeof import('./parse-project');
  options.debug?.('Partial parsing: nothing changed since the last parse; reusing it');
  return new ParsedProject(
    manifest,
    options.invocationId ?? randomUUID(),
    () => parser().renderServices(options, manifest),
    new RenderCache(manifest, options.vars ?? {}),
  );
}
