import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes in flight at once: enough to keep the disk busy while rendering goes on, few enough to bound open files. */
const DEFAULT_LIMIT = 8;

interface Waiting {
  content: string;
  onWritten?: () => void;
}

/**
 * Writes files in the background, overlapped with the work that produces them (rendering, running), a few at a time.
 * A file written again before its first write started keeps only the last content; one whose write is under way is
 * written again after it, so the file always ends with the last content given, whatever order writes complete in.
 * Failures are kept and thrown by `flush()`, with the path Node's error names.
 */
export class BackgroundWriter {
  /** Files not started yet, in the order given, with their latest content. */
  private readonly waiting = new Map<string, Waiting>();
  private readonly active = new Set<string>();
  private readonly folders = new Map<string, Promise<unknown>>();
  private readonly errors: unknown[] = [];
  private idle: Array<() => void> = [];

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** Queues `content` for `file` (its folder is created); `onWritten` runs once that content is on disk. */
  write(file: string, content: string, onWritten?: () => void): void {
    this.waiting.delete(file);
    this.waiting.set(file, { content, onWritten });
    this.pump();
  }

  /** Waits for every queued write; throws the first failure (the others are of the same cause, as a rule). */
  async flush(): Promise<void> {
    if (this.waiting.size > 0 || this.active.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.errors.length > 0) {
      const [first] = this.errors.splice(0);
      throw first;
    }
  }

  private pump(): void {
    for (const [file, next] of this.waiting) {
      if (this.active.size >= this.limit) return;
      if (this.active.has(file)) continue;
      this.waiting.delete(file);
      this.start(file, next);
    }
  }

  private start(file: string, { content, onWritten }: Waiting): void {
    this.active.add(file);
    const folder = path.dirname(file);
    let made = this.folders.get(folder);
    if (!made) this.folders.set(folder, (made = mkdir(folder, { recursive: true })));
    made
      .then(() => writeFile(file, content))
      .then(
        () => onWritten?.(),
        (error: unknown) => {
          this.folders.delete(folder);
          this.errors.push(error);
        },
      )
      .finally(() => {
        this.active.delete(file);
        this.pump();
        if (this.waiting.size === 0 && this.active.size === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
  }
}
