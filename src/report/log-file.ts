import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Rotated copies kept beside dbt.log (dbt.log.1 ... dbt.log.5), as dbt's rotating handler keeps them. */
const BACKUPS = 5;

/** logs/dbt.log: appended to by every invocation, rolled over when it would pass `maxBytes` (0: never). */
export class LogFile {
  private fd?: number;
  private size = 0;
  private failed = false;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
  ) {}

  write(lines: string[]): void {
    if (this.failed || lines.length === 0) return;
    const text = lines.join('\n') + '\n';
    try {
      this.open();
      if (this.maxBytes > 0 && this.size > 0 && this.size + Buffer.byteLength(text) > this.maxBytes) this.rotate();
      this.size += writeSync(this.fd!, text);
    } catch {
      // A log file that cannot be written (read-only folder) must not stop the run; the console still has everything.
      this.failed = true;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    if (this.fd !== undefined) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.fd = openSync(this.file, 'a');
    this.size = statSync(this.file).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.file}.${BACKUPS}`, { force: true });
    for (let i = BACKUPS - 1; i >= 1; i--) if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    renameSync(this.file, `${this.file}.1`);
    this.open();
  }
}
