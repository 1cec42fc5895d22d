import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../parse/manifest';
import type { Node } from '../project/types';
import { BackgroundWriter } from './background-writer';

/**
 * Writes compiled and executed SQL under target/{compiled,run}/<project>/ as dbt lays it out. A file whose content
 * is unchanged since the last run (by hash, kept in target/.tsdbt/) is not rewritten: on a large project, writing
 * thousands of small files costs more than rendering them. Files are written in the background while rendering and
 * running go on; `save()` waits for them.
 */
export class SqlFileWriter {
  private readonly files = new BackgroundWriter();
  private readonly present = new Map<string, boolean>();
  private readonly indexFile: string;
  private index: Record<string, string> | undefined;
  private dirty = false;
  /** Files given and not compared with the index yet: compared once the work that gave them has handed on. */
  private readonly unchecked: { kind: 'compiled' | 'run'; relative: string; sql: string }[] = [];

  constructor(private readonly manifest: Manifest) {
    this.indexFile = path.resolve(manifest.project.rootDir, manifest.project.targetPath, '.tsdbt', 'sql-files.json');
  }

  /**
   * The file's path relative to the project root. With `split`, one part of a node (a microbatch model's batch), in a
   * folder named after the node as dbt writes it: `models/events.sql` -> `models/events/events_2024-09-17.sql`.
   */
  relativePath(kind: 'compiled' | 'run', node: Node, split?: string): string {
    const { project } = this.manifest;
    let file = compiledPathOf(node);
    if (split) {
      const { dir, name, ext } = path.posix.parse(file);
      file = path.posix.join(dir, name, `${name}_${split}${ext}`);
    }
    return path.posix.join(project.targetPath, kind, project.name, file);
  }

  write(kind: 'compiled' | 'run', node: Node, sql: string, split?: string): void {
    this.unchecked.push({ kind, relative: this.relativePath(kind, node, split), sql });
    // After the promise callbacks of this turn: the node's query is on its way by then.
    if (this.unchecked.length === 1) setImmediate(() => this.checkGiven());
  }

  private checkGiven(): void {
    for (const { kind, relative, sql } of this.unchecked.splice(0)) this.writeIfChanged(kind, relative, sql);
  }

  private writeIfChanged(kind: 'compiled' | 'run', relative: string, sql: string): void {
    const file = path.resolve(this.manifest.project.rootDir, relative);
    const hash = createHash('sha1').update(sql).digest('base64');
    const index = this.load();
    if (index[relative] === hash && this.kindStillWritten(kind)) return;
    // Until the new content is on disk the index must not claim it is.
    delete index[relative];
    this.dirty = true;
    this.files.write(file, sql, () => (index[relative] = hash));
  }

  /** Waits for the files being written, then records what was written (also when a write failed, then throws). */
  async save(): Promise<void> {
    this.checkGiven();
    try {
      await this.files.flush();
    } finally {
      if (this.dirty && this.index) {
        mkdirSync(path.dirname(this.indexFile), { recursive: true });
        writeFileSync(this.indexFile, JSON.stringify(this.index));
        this.dirty = false;
      }
    }
  }

  private load(): Record<string, string> {
    if (!this.index) {
      try {
        this.index = JSON.parse(readFileSync(this.indexFile, 'utf8')) as Record<string, string>;
      } catch {
        this.index = {};
      }
    }
    return this.index;
  }

  /** The index is trusted only while the folder it describes is still there (not removed by hand). */
  private kindStillWritten(kind: 'compiled' | 'run'): boolean {
    let present = this.present.get(kind);
    if (present === undefined) {
      const { project } = this.manifest;
      present = existsSync(path.resolve(project.rootDir, project.targetPath, kind, project.name));
      this.present.set(kind, present);
    }
    return present;
  }
}

const writers = new WeakMap<Manifest, SqlFileWriter>();

/** The one writer of a parsed project (an invocation). */
export function sqlFiles(manifest: Manifest): SqlFileWriter {
  let writer = writers.get(manifest);
  if (!writer) writers.set(manifest, (writer = new SqlFileWriter(manifest)));
  return writer;
}

/** Where dbt writes a node's compiled SQL, relative to `target/compiled/<project>/`. */
export function compiledPathOf(node: Node): string {
  // dbt: <properties file>/<model>/<unit test>.sql
  if (node.unitTest) return path.posix.join(node.originalFilePath, node.unitTest.model, `${node.name}.sql`);
  return node.testMetadata ? path.posix.join(node.originalFilePath, node.path) : node.originalFilePath;
}
