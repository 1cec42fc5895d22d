import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../project/list-files';

/** A file listing a parse made: re-made to find added and deleted files. */
export interface GlobRecord {
  baseDir: string;
  dirs: string[];
  pattern: string;
  ignore: string[];
  found: string[];
}

/** A file as a parse read it: absent (size -1), or its size and mtime, and its hash when the mtime was too recent to trust. */
export interface FileStamp {
  file: string;
  size: number;
  mtimeMs: number;
  sha1?: string;
}

/**
 * Every file and file listing a parse reads, so that a later run can tell whether any of them changed. Files are
 * stamped before the parse reads them: a change made meanwhile shows as a change next time.
 */
export class ParseInputs {
  readonly globs: GlobRecord[] = [];
  readonly stamps: FileStamp[] = [];
  private readonly seen = new Set<string>();

  /** listFiles(), remembered. */
  list(baseDir: string, dirs: string[], pattern: string, ignore: string[] = []): string[] {
    const found = listFiles(baseDir, dirs, pattern, ignore);
    this.globs.push({ baseDir, dirs, pattern, ignore, found });
    for (const file of found) this.note(path.resolve(baseDir, file));
    return found;
  }

  /** A file read (or looked for) outside listings: the project file, profiles.yml, packages.yml. */
  note(absFile: string): void {
    if (this.seen.has(absFile)) return;
    this.seen.add(absFile);
    this.stamps.push(stampOf(absFile, Date.now()));
  }
}

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('base64');

/** Racy timestamps (as git has them): a file written in the last seconds may change again within the same mtime. */
const RACY_MS = 2000;

function stampOf(file: string, now: number): FileStamp {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return { file, size: -1, mtimeMs: 0 };
  return { file, size: stat.size, mtimeMs: stat.mtimeMs, sha1: now - stat.mtimeMs < RACY_MS ? sha1(file) : undefined };
}

/** Why the files a parse read are not as they were, or undefined when they are. */
export function changedInput(globs: GlobRecord[], stamps: FileStamp[]): string | undefined {
  for (const glob of globs) {
    const found = listFiles(glob.baseDir, glob.dirs, glob.pattern, glob.ignore);
    if (found.length !== glob.found.length || found.some((file, i) => file !== glob.found[i])) {
      const added = found.find((file) => !glob.found.includes(file));
      const deleted = glob.found.find((file) => !found.includes(file));
      return added ? `${added} was added` : `${deleted ?? glob.pattern} was deleted`;
    }
  }
  for (const stamp of stamps) {
    const stat = statSync(stamp.file, { throwIfNoEntry: false });
    const size = stat ? stat.size : -1;
    if (size !== stamp.size) return `${stamp.file} changed`;
    if (!stat || (stat.mtimeMs === stamp.mtimeMs && !stamp.sha1)) continue;
    if (!stamp.sha1 || sha1(stamp.file) !== stamp.sha1) return `${stamp.file} changed`;
  }
  return undefined;
}
