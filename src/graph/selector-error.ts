import { TsdbtError } from '../errors/tsdbt-error';

/** A --select / --exclude value that cannot be understood or applied; the message says how to fix it. */
export class SelectorSyntaxError extends TsdbtError {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message, undefined, 'see dbt node selection syntax: name, +name, tag:x, path:x, config.x:y, ...');
  }
}
