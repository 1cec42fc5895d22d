/** A --select / --exclude value that cannot be understood or applied; the message says how to fix it. */
export class SelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}
