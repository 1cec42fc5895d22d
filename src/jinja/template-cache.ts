import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../version';

/**
 * A map kept across runs in one JSON file, dropped whole when its fingerprint (what the entries were computed with)
 * differs from the current one. Written aside and renamed: another process reading it never sees half a file.
 */
export class DiskCache<T> {
  private entries: Record<string, T> | undefined;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly fingerprint: string,
  ) {}

  get(key: string): T | undefined {
    return this.load()[key];
  }

  set(key: string, value: T): void {
    this.load()[key] = value;
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty || !this.entries) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const aside = `${this.file}.${process.pid}`;
    writeFileSync(aside, JSON.stringify({ fingerprint: this.fingerprint, entries: this.entries }));
    renameSync(aside, this.file);
    this.dirty = false;
  }

  private load(): Record<string, T> {
    if (this.entries) return this.entries;
    this.entries = {};
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { fingerprint: string; entries: Record<string, T> };
      if (stored.fingerprint === this.fingerprint) this.entries = stored.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return this.entries;
  }
}

/**
 * The build of tsdbt's template compiler (the compatibility layer's lexer, parser and code generator): the files it
 * was loaded from, or the one bundle holding them all (dist/tsdbt.js, where this file's name is the bundle's).
 */
export function compilerFingerprint(): string {
  const files = [
    __filename,
    ...['lexer', 'parser', 'nodes', 'compiler', 'index'].flatMap((name) => [
      path.join(__dirname, 'compat', `${name}.js`),
      path.join(__dirname, 'compat', `${name}.ts`),
    ]),
  ];
  return files
    .filter((f) => existsSync(f))
    .map((f) => statSync(f).mtimeMs)
    .join(':');
}

/**
 * Compiled templates (nunjucks' generated JavaScript) keyed by a hash of the file name and contents: a re-parse of an
 * unchanged project skips lexing, parsing and code generation.
 */
export type TemplateCache = DiskCache<string>;

export interface TemplateCaches {
  macros: TemplateCache;
  nodes: TemplateCache;
  /**
   * tsdbt's own macros (the dbt global project's), the same for every project: kept beside tsdbt itself, so that a
   * project's first parse (a fresh clone, a CI run) does not compile them again.
   */
  builtins: TemplateCache;
}

export function templateCaches(targetDir: string): TemplateCaches {
  const fingerprint = compilerFingerprint();
  return {
    macros: new DiskCache<string>(path.join(targetDir, '.tsdbt', 'macro-templates.json'), fingerprint),
    nodes: new DiskCache<string>(path.join(targetDir, '.tsdbt', 'templates.json'), fingerprint),
    builtins: new DiskCache<string>(path.join(packageRoot(), 'dist', 'builtin-templates.json'), fingerprint),
  };
}
