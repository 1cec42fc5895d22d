/** Where a problem is in the user's files: the path relative to the project root, '/' separators. */
export interface SourceLocation {
  file: string;
  line?: number;
}

/**
 * The root of every error a user reads: what is wrong, where, and what to do about it.
 * `exitCode` is what the command ends with when this error stops it (dbt's convention:
 * 1 for a node that failed, 2 for a project or usage problem found before anything ran).
 */
export abstract class TsdbtError extends Error {
  abstract readonly exitCode: 1 | 2;

  constructor(
    message: string,
    readonly location?: SourceLocation,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** `file:line: message` and the hint on its own line, as printed to the user. */
  describe(): string {
    const where = this.location ? `${this.location.file}${this.location.line ? `:${this.location.line}` : ''}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}
