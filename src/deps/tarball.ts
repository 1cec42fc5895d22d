import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { x as extract } from 'tar';
import { DependencyError } from './errors';
import { httpGet } from './http';

const TIMEOUT_MS = 120_000;

/**
 * Downloads a package tarball into `workDir` and extracts it there; returns the single folder it holds (hub and
 * GitHub tarballs wrap the package in one `<repo>-<sha>/` folder). `what` names the package in errors.
 */
export async function downloadTarball(url: string, workDir: string, what: string): Promise<string> {
  const bytes = await httpGet(url, what, TIMEOUT_MS);
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, 'package.tar.gz');
  const into = path.join(workDir, 'untarred');
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into);
  writeFileSync(file, bytes);
  try {
    // tar keeps entries inside `into`: absolute paths and `..` are stripped unless preservePaths is set.
    await extract({ file, cwd: into, strict: true });
  } catch (error) {
    throw new DependencyError(`${what}: the tarball from ${url} could not be extracted: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(file, { force: true });
  }
  const top = readdirSync(into);
  if (top.length !== 1 || !statSync(path.join(into, top[0])).isDirectory()) {
    throw new DependencyError(
      `${what}: incorrect structure for package extracted from ${url}. The extracted package needs to follow the structure <package name>/<package contents>.`,
    );
  }
  return path.join(into, top[0]);
}
