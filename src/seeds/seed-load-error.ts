/** A seed that cannot be loaded; the message starts with `file:line:` when the line is known. */
export class SeedLoadError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;

  constructor(message: string, file: string, line?: number, column?: string) {
    super(message);
    this.name = 'SeedLoadError';
    this.file = file;
    if (line !== undefined) this.line = line;
    if (column !== undefined) this.column = column;
  }
}
