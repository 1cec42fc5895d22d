import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const FLUSH_THRESHOLD_CHARS = 1 << 16;

/** Quotes a field only where a CSV reader could misread it (separators, quotes, edge spaces). */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Appends CSV lines to a file through a small buffer; `flushIfFull` waits for the disk when
 * the stream is saturated, so memory stays bounded however many rows are written.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private pending = '';

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.add(header);
  }

  add(fields: readonly string[]): string {
    const line = fields.map(csvField).join(',') + '\n';
    this.pending += line;
    return line;
  }

  /** Writes an already formatted line again: exact duplicate rows are byte-identical. */
  addLine(line: string): void {
    this.pending += line;
  }

  async flushIfFull(): Promise<void> {
    if (this.pending.length >= FLUSH_THRESHOLD_CHARS) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  private async flush(): Promise<void> {
    if (this.pending === '') return;
    const accepted = this.stream.write(this.pending);
    this.pending = '';
    if (!accepted) await once(this.stream, 'drain');
  }
}
