import path from 'node:path';
import fg from 'fast-glob';

/**
 * The project's file walk. Every search tsdbt makes is "files with these extensions under these folders": one home
 * for it, so that parsing, macros and unit-test fixtures see the same files. Conventions: names starting with '.' are
 * skipped, symbolic links to folders are followed, a missing folder lists nothing.
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
  const names = filter.extensions.map((extension) => fg.escapePath(extension.replace(/^\./, '')));
  const pattern = names.length === 1 ? `**/*.${names[0]}` : `**/*.{${names.join(',')}}`;
  const found: string[] = [];
  for (const dir of dirs) {
    const prefix = dir.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    const start = filter.under ? path.posix.join(prefix, filter.under) : prefix;
    const ignore = !filter.under && filter.skip ? [`${fg.escapePath(filter.skip)}/**`] : [];
    const cwd = path.resolve(baseDir, start);
    for (const file of fg.sync(pattern, { cwd, ignore, onlyFiles: true, suppressErrors: true })) {
      found.push(start === '' ? file : start.endsWith('/') ? start + file : `${start}/${file}`);
    }
  }
  return found.sort();
}
