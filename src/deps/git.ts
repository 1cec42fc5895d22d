import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DependencyError } from './errors';

const run = promisify(execFile);

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

const isCommit = (revision: string) => /^[0-9a-f]{40}$/.test(revision);

function reason(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  const lines = (stderr ?? (error instanceof Error ? error.message : String(error))).split('\n').filter((l) => l.trim() && !l.startsWith('Cloning into'));
  return lines.slice(-2).join(' ').trim() || 'git failed';
}

/**
 * Checks out `url` at `revision` (a branch, a tag or a commit; the default branch when absent) into `dir` with the
 * system's git: a shallow clone of that revision, the whole history only when a shallow fetch cannot reach it (a
 * short sha). With `subdirectory`, a sparse checkout of that folder. Returns the commit checked out.
 */
export async function gitCheckout(url: string, revision: string | undefined, subdirectory: string | undefined, dir: string, what: string): Promise<string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const sparse = subdirectory ? ['--filter=blob:none', '--sparse'] : [];
  const fail = (error: unknown) =>
    new DependencyError(
      `${what}: git could not check out ${url}${revision ? ` at revision ${revision}` : ''}: ${reason(error)}`,
      undefined,
      revision ? 'check that the URL is reachable and that the revision is a branch, tag or commit of it' : 'check that the URL is reachable',
    );
  try {
    if (revision && isCommit(revision)) {
      await git(['init', '--quiet', dir], path.dirname(dir));
      await git(['remote', 'add', 'origin', url], dir);
      try {
        await git(['fetch', '--quiet', '--depth', '1', 'origin', revision], dir);
      } catch {
        await git(['fetch', '--quiet', 'origin'], dir);
      }
      await git(['checkout', '--quiet', '--detach', revision], dir);
    } else {
      try {
        await git(
          ['clone', '--quiet', '--depth', '1', ...sparse, ...(revision && revision !== 'HEAD' ? ['--branch', revision] : []), url, dir],
          path.dirname(dir),
        );
      } catch (error) {
        if (!revision || revision === 'HEAD') throw error;
        // Not a branch or tag: a commit written short, reachable only from the full history.
        rmSync(dir, { recursive: true, force: true });
        await git(['clone', '--quiet', '--no-checkout', url, dir], path.dirname(dir));
        await git(['checkout', '--quiet', '--detach', revision], dir);
      }
    }
    if (subdirectory) {
      await git(['sparse-checkout', 'set', subdirectory], dir);
      if (!existsSync(path.join(dir, subdirectory))) throw new Error(`the subdirectory ${subdirectory} does not exist in the repository`);
    }
    return await git(['rev-parse', 'HEAD'], dir);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT' && !(error as { stderr?: string }).stderr) {
      throw new DependencyError(`${what}: the git command was not found`, undefined, 'install git and make sure it is on the PATH');
    }
    throw fail(error);
  }
}
