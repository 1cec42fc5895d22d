import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Compiled templates (nunjucks' generated JavaScript) kept across runs in the target folder, keyed by a hash of the
 * file name and contents: a re-parse of an unchanged project skips lexing, parsing and code generation. The cache is
 * dropped whole when tsdbt's template compiler changes.
 */
export class TemplateCache {
  private entries: Record<string, string> | undefined;
  private dirty = false;
  private readonly fingerprint: string;

  constructor(private readonly file: string) {
    // The compatibility layer patches nunjucks' compiler: its build time identifies the code the cache holds.
    const compilerFiles = [path.join(__dirname, 'compat', 'syntax.js'), path.join(__dirname, 'compat', 'syntax.ts'), __filename];
    this.fingerprint = compilerFiles.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs).join(':');
  }

  get(key: string): string | undefined {
    return this.load()[key];
  }

  set(key: string, code: string): void {
    this.load()[key] = code;
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty || !this.entries) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ fingerprint: this.fingerprint, entries: this.entries }));
    this.dirty = false;
  }

  private load(): Record<string, string> {
    if (this.entries) return this.entries;
    this.entries = {};
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { fingerprint: string; entries: Record<string, string> };
      if (stored.fingerprint === this.fingerprint) this.entries = stored.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return this.entries;
  }
}
