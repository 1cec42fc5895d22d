import { TsdbtError } from '../errors/tsdbt-error';

/** A seed that cannot be loaded; the message starts with `file:line:` when the line is known. */
export class SeedLoadError extends TsdbtError {
  readonly exitCode = 1;
  readonly file: string;
  readonly line?: number;
  readonly column?: string;

  constructor(message: string, file: string, line?: number, column?: string, hint = "fix that line of the CSV (or the seed's column_types), then load it again") {
    super(message, undefined, hint);
    this.file = file;
    if (line !== undefined) this.line = line;
    if (column !== undefined) this.column = column;
  }
}
