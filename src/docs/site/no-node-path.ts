/**
 * Stands in for node:path in the browser bundle. Selection uses it only to turn absolute --select paths
 * into project-relative ones, given a project root; the page never passes one, so nothing is absolute.
 */
export function isAbsolute(): boolean {
  return false;
}

export function relative(_from: string, to: string): string {
  return to;
}
