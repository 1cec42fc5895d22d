import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/**
 * The project's file walk. Every search tsdbt makes is "files with these extensions under these folders", so a plain
 * directory walk does it; a glob library costs more to load (some 70 modules) than the walk itself on a project.
 * Conventions kept from the glob patterns used before (`dir/**\/*.sql`): names starting with '.' are skipped, symbolic
 * links to folders are followed, a missing folder lists nothing.
 */
export interface FileFilter {
  /** File name endings, e.g. ['.sql'] or ['.yml', '.yaml']; compared case-sensitively. */
  extensions: readonly string[];
  /** Only files inside this subfolder of each folder (e.g. 'generic' for generic tests). */
  under?: string;
  /** Leave out this subfolder of each folder (e.g. 'generic' when listing singular tests). */
  skip?: string;
}

/**
 * Files under `dirs` (relative to `baseDir`, or absolute) matching `filter`, sorted and '/'-separated, each written as
 * its folder as given followed by the path inside it (`models/staging/a.sql`).
 */
export function listFiles(baseDir: string, dirs: readonly string[], filter: FileFilter): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    const prefix = dir.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    const start = filter.under ? path.posix.join(prefix, filter.under) : prefix;
    const absolute = path.resolve(baseDir, start);
    const real = realPath(absolute);
    if (real) walk(absolute, real, start, filter, found, filter.under ? undefined : filter.skip);
  }
  return found.sort();
}

/** `real` is the folder's path with links resolved: a link to it or to a folder above it would loop, so is not followed. */
function walk(absolute: string, real: string, shown: string, filter: FileFilter, found: string[], skip?: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    return; // missing, or not a folder
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === skip) continue;
    const child = path.join(absolute, entry.name);
    const childShown = shown === '' || shown.endsWith('/') ? shown + entry.name : `${shown}/${entry.name}`;
    let childReal = path.join(real, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = statSync(child, { throwIfNoEntry: false });
      if (!target) continue; // a dangling link
      isDir = target.isDirectory();
      isFile = target.isFile();
      if (isDir) {
        childReal = realPath(child) ?? childReal;
        if ((real + path.sep).startsWith(childReal + path.sep)) continue;
      }
    }
    if (isDir) walk(child, childReal, childShown, filter, found);
    else if (isFile && filter.extensions.some((extension) => entry.name.endsWith(extension))) found.push(childShown);
  }
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}
