import { TsdbtError } from './tsdbt-error';

/** Why a file operation failed, in words, by Node's error code. */
const REASONS: Record<string, string> = {
  ENOTDIR: 'part of that path is a regular file, not a folder',
  EEXIST: 'a file is in the way where a folder is needed',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such file or folder',
};

const ACTIONS: Record<string, string> = { mkdir: 'create the folder', open: 'open', write: 'write', rename: 'replace', unlink: 'remove', rmdir: 'remove' };

/** A file or folder tsdbt must read or write (database, target/, logs) that it cannot: exit 2. */
export class FileSystemError extends TsdbtError {
  readonly exitCode = 2;
}

/** Node's file errors (ENOTDIR, EACCES, ...) as a FileSystemError saying what and where; anything else undefined. */
export function fileSystemError(error: unknown): FileSystemError | undefined {
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string' || !(code in REASONS)) return undefined;
  const action = (typeof syscall === 'string' && ACTIONS[syscall]) || 'use';
  return new FileSystemError(
    `cannot ${action} ${path}: ${REASONS[code]}`,
    undefined,
    "fix that path (the profile's path:, --target-path or target-path in the project file) or its permissions",
  );
}
