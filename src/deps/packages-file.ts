import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { ProjectError } from '../errors';
import { isPlainObject, parseYaml } from '../project/yaml-file';
import { parseEntries, type EntryOrigin, type PackageEntry } from './package-entries';

export const PACKAGE_FILES = ['packages.yml', 'dependencies.yml'] as const;

/** Renders the Jinja of a string in a packages file (env_var, var from --vars), as dbt's package renderer does. */
export type RenderValue = (text: string, file: string) => unknown;

export interface PackagesFile {
  /** packages.yml or dependencies.yml; packages.yml when neither exists (where --add-package creates it). */
  file: string;
  exists: boolean;
  entries: PackageEntry[];
}

/** Renders every string holding Jinja in a YAML value. */
export function renderTree(value: unknown, render: (text: string) => unknown): unknown {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value) : value;
  if (Array.isArray(value)) return value.map((v) => renderTree(v, render));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderTree(v, render)]));
  return value;
}

/**
 * The packages a project (or an installed package) asks for: the `packages:` of packages.yml, else of
 * dependencies.yml (whose `projects:` are dbt Cloud's and ignored here). `via` labels a package's own file.
 */
export function readPackagesFile(dir: string, render: RenderValue, via?: string): PackagesFile {
  const present = PACKAGE_FILES.filter((f) => existsSync(path.join(dir, f)));
  const withPackages = present.filter((f) => {
    const yaml = parseYaml(readFileSync(path.join(dir, f), 'utf8'), f);
    return isPlainObject(yaml.value) && yaml.value.packages !== undefined;
  });
  if (withPackages.length > 1) {
    throw new ProjectError(
      'both packages.yml and dependencies.yml list `packages:`',
      { file: 'dependencies.yml' },
      'keep the packages in one of the two files (dbt reads only one)',
    );
  }
  const file = withPackages[0] ?? present[0];
  if (!file) return { file: 'packages.yml', exists: false, entries: [] };
  const yaml = parseYaml(readFileSync(path.join(dir, file), 'utf8'), file);
  if (yaml.value !== null && yaml.value !== undefined && !isPlainObject(yaml.value))
    throw new ProjectError(`${file} must be a YAML mapping`, { file, line: 1 });
  const raw = isPlainObject(yaml.value) ? yaml.value.packages : undefined;
  const rendered = renderTree(raw, (text) => render(text, file));
  const originOf = (i: number): EntryOrigin => ({ file, line: yaml.lineOf(['packages', i]) ?? yaml.lineOf(['packages']), via });
  return { file, exists: true, entries: parseEntries(rendered, raw, originOf) };
}

/** `--add-package name@version` with `--source`: the entry dbt adds to the packages file. */
export function newPackageEntry(name: string, version: string | undefined, source: string): Record<string, unknown> {
  const key = source === 'hub' ? 'package' : source;
  const entry: Record<string, unknown> = { [key]: name };
  if (version) entry[source === 'git' ? 'revision' : 'version'] = version.includes(',') ? version.split(',') : version;
  return entry;
}

/**
 * Whether an entry names the same package as `name` (dbt's rule: any of the name, its short form after the last
 * `/`, with `_` or `-`, found in the entry between `/` or `.` boundaries), so that adding replaces it.
 */
export function sameAddedPackage(entry: Record<string, unknown>, name: string): boolean {
  const id = [entry.package, entry.git, entry.local, entry.tarball, entry.private].find((v) => typeof v === 'string') as string | undefined;
  if (!id) return false;
  const variants = new Set<string>();
  for (const n of name.includes('/') ? [name, name.split('/').pop()!] : [name]) {
    variants.add(n);
    variants.add(n.replace(/_/g, '-'));
    variants.add(n.replace(/-/g, '_'));
  }
  for (const variant of variants) {
    const at = id.indexOf(variant);
    if (at < 0) continue;
    const end = at + variant.length;
    if ((at === 0 || '/.'.includes(id[at - 1])) && (end === id.length || '/.'.includes(id[end]))) return true;
  }
  return false;
}

/**
 * Adds an entry to the packages file (creating packages.yml when there is none), replacing any entry for the same
 * package. The rest of the file keeps its comments and layout. Returns the entries removed.
 */
export function addPackageEntry(dir: string, fileName: string, entry: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const file = path.join(dir, fileName);
  const doc = parseDocument(existsSync(file) ? readFileSync(file, 'utf8') : 'packages: []\n');
  if (!isPlainObject(doc.toJS())) throw new ProjectError(`${fileName} must be a YAML mapping`, { file: fileName, line: 1 });
  const list = doc.toJS().packages;
  const current: unknown[] = Array.isArray(list) ? list : [];
  const removed: Record<string, unknown>[] = [];
  for (let i = current.length - 1; i >= 0; i--) {
    const item = current[i];
    if (isPlainObject(item) && sameAddedPackage(item, name)) {
      doc.deleteIn(['packages', i]);
      removed.unshift(item);
    }
  }
  if (!Array.isArray(list) || current.length === removed.length) doc.set('packages', doc.createNode([entry]));
  else doc.addIn(['packages'], doc.createNode(entry));
  writeFileSync(file, doc.toString({ indentSeq: true }));
  return removed;
}

/** A YAML mapping as one line, for messages. */
export function inline(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow' }).trim();
}
