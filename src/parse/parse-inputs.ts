import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles, listFolders } from '../project/list-files';

/** A file listing a parse made: re-made to find added and deleted files. */
export interface GlobRecord {
  baseDir: string;
  dirs: string[];
  pattern: string;
  ignore: string[];
  found: string[];
  /**
   * The folders the listing walked, stamped before it: adding, removing or renaming an entry changes a folder's
   * mtime, so while none changed the listing is the same and need not be made again.
   */
  folders: FolderStamp[];
}

/** A folder's mtime, or -1 when it did not exist; untrusted when the mtime was too recent (see RACY_MS). */
export interface FolderStamp {
  folder: string;
  mtimeMs: number;
  trusted: boolean;
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
  /** Each folder walked once, however many listings go through it (models/ for .sql, .yml and .md files). */
  private readonly foldersOf = new Map<string, FolderStamp[]>();

  /** Without `recording`, only listFiles(): for the renderer of a parse reloaded from target/, whose inputs are known. */
  constructor(private readonly recording = true) {}

  /** listFiles(), remembered. */
  list(baseDir: string, dirs: string[], pattern: string, ignore: string[] = []): string[] {
    if (!this.recording) return listFiles(baseDir, dirs, pattern, ignore);
    const folders = dirs.flatMap((dir) => {
      const key = path.resolve(baseDir, dir);
      let stamped = this.foldersOf.get(key);
      if (!stamped) this.foldersOf.set(key, (stamped = stampFolders(baseDir, [dir])));
      return stamped;
    });
    const found = listFiles(baseDir, dirs, pattern, ignore);
    this.globs.push({ baseDir, dirs, pattern, ignore, found, folders });
    for (const file of found) this.note(path.resolve(baseDir, file));
    return found;
  }

  /** A file read (or looked for) outside listings: the project file, profiles.yml, packages.yml. */
  note(absFile: string): void {
    if (!this.recording || this.seen.has(absFile)) return;
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

function stampFolders(baseDir: string, dirs: string[]): FolderStamp[] {
  const now = Date.now();
  return [...dirs.map((dir) => path.resolve(baseDir, dir)), ...listFolders(baseDir, dirs)].map((folder) => folderStamp(folder, now));
}

function folderStamp(folder: string, now: number): FolderStamp {
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat) return { folder, mtimeMs: -1, trusted: true };
  return { folder, mtimeMs: stat.mtimeMs, trusted: now - stat.mtimeMs >= RACY_MS };
}

function foldersUnchanged(folders: FolderStamp[], mtimeOf: (folder: string) => number): boolean {
  return folders.every(({ folder, mtimeMs, trusted }) => trusted && mtimeOf(folder) === mtimeMs);
}

/**
 * Why the files a parse read are not as they were, or undefined when they are. A listing made again because its
 * folders changed (or were too recent to trust) and found the same gets its folders stamped anew, and `restamped`
 * is called: keep the new stamps, and the next check need not list them again.
 */
export function changedInput(globs: GlobRecord[], stamps: FileStamp[], restamped?: () => void): string | undefined {
  // Listings share folders: each is read once per check.
  const mtimes = new Map<string, number>();
  const mtimeOf = (folder: string) => {
    let mtime = mtimes.get(folder);
    if (mtime === undefined) mtimes.set(folder, (mtime = statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? -1));
    return mtime;
  };
  for (const glob of globs) {
    if (foldersUnchanged(glob.folders, mtimeOf)) continue;
    const folders = stampFolders(glob.baseDir, glob.dirs);
    const found = listFiles(glob.baseDir, glob.dirs, glob.pattern, glob.ignore);
    if (found.length !== glob.found.length || found.some((file, i) => file !== glob.found[i])) {
      const added = found.find((file) => !glob.found.includes(file));
      const deleted = glob.found.find((file) => !found.includes(file));
      return added ? `${added} was added` : `${deleted ?? glob.pattern} was deleted`;
    }
    glob.folders = folders;
    restamped?.();
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
