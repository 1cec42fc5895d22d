import fg from 'fast-glob';

/**
 * The project's file walk, one home for it, so that parsing, macros and the partial-parse check see the same files:
 * files under `dirs` of `baseDir` matching `pattern` (a glob inside each folder, e.g. `**\/*.sql`), sorted,
 * '/'-separated and relative to `baseDir`. Names starting with '.' are skipped; links to folders are followed.
 */
export function listFiles(baseDir: string, dirs: readonly string[], pattern: string, ignore: readonly string[] = []): string[] {
  return fg.sync(inFolders(dirs, pattern), { cwd: baseDir, ignore: [...ignore], onlyFiles: true }).sort();
}

/** The folders listFiles walks below `dirs` (not `dirs` themselves), absolute. */
export function listFolders(baseDir: string, dirs: readonly string[]): string[] {
  return fg.sync(inFolders(dirs, '**'), { cwd: baseDir, onlyDirectories: true, absolute: true });
}

function inFolders(dirs: readonly string[], pattern: string): string[] {
  return dirs.map((d) => `${fg.escapePath(d.replace(/\\/g, '/'))}/${pattern}`);
}
