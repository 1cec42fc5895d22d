import { TsdbtError } from './tsdbt-error';

export { TsdbtError, type SourceLocation } from './tsdbt-error';
export { FileSystemError, fileSystemError } from './file-system-error';

/** A problem in the user's project or invocation: reported with where it is and what to do, exit code 2. */
export class ProjectError extends TsdbtError {
  readonly exitCode = 2;
}

/** Every error found while loading or parsing, reported together before anything runs. */
export class ProjectErrors extends TsdbtError {
  readonly exitCode = 2;

  constructor(readonly errors: ProjectError[]) {
    super(`${errors.length} error${errors.length === 1 ? '' : 's'} in the project:\n` + errors.map((e) => e.describe()).join('\n'));
  }

  describe(): string {
    return this.message;
  }
}

/** Collects errors across a whole stage so that the user sees all of them at once. */
export class ErrorCollector {
  readonly errors: ProjectError[] = [];

  add(error: ProjectError): void {
    this.errors.push(error);
  }

  /** Runs `fn`, recording a ProjectError instead of throwing it. */
  attempt<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ProjectError) {
        this.add(error);
        return undefined;
      }
      if (error instanceof ProjectErrors) {
        error.errors.forEach((e) => this.add(e));
        return undefined;
      }
      throw error;
    }
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ProjectErrors(this.errors);
  }
}

/** Names closest to `name` by edit distance, for "did you mean" hints. */
export function nearestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= Math.max(2, Math.floor(name.length / 3))) scored.push([d, candidate]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, max)
    .map(([, c]) => c);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const near = nearestNames(name, candidates);
  return near.length ? `did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : undefined;
}
