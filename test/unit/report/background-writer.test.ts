import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackgroundWriter } from '../../../src/report/background-writer';

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'tsdbt-writer-'));

describe('BackgroundWriter', () => {
  test('writes every file, creating folders, a few at a time', async () => {
    const dir = scratch();
    const writer = new BackgroundWriter(2);
    for (let i = 0; i < 50; i++) writer.write(path.join(dir, `f${i % 5}`, `${i}.sql`), `select ${i}`);
    await writer.flush();
    for (let i = 0; i < 50; i++) expect(readFileSync(path.join(dir, `f${i % 5}`, `${i}.sql`), 'utf8')).toBe(`select ${i}`);
  });

  test('a file written several times ends with the last content, whether or not the first write has started', async () => {
    const dir = scratch();
    const writer = new BackgroundWriter(1);
    const file = path.join(dir, 'a.sql');
    const big = 'x'.repeat(4_000_000);
    writer.write(file, big); // starts at once (one slot)
    writer.write(path.join(dir, 'b.sql'), 'b');
    writer.write(file, 'second'); // waits for the first write of a.sql
    writer.write(file, 'third'); // replaces 'second' before it starts
    await writer.flush();
    expect(readFileSync(file, 'utf8')).toBe('third');
    expect(readFileSync(path.join(dir, 'b.sql'), 'utf8')).toBe('b');
  });

  test('onWritten runs once the content is on disk, and only for the content that was written', async () => {
    const dir = scratch();
    const writer = new BackgroundWriter(1);
    const seen: string[] = [];
    const file = path.join(dir, 'a.sql');
    writer.write(path.join(dir, 'first.sql'), '1');
    writer.write(file, 'replaced', () => seen.push('replaced'));
    writer.write(file, 'kept', () => seen.push(readFileSync(file, 'utf8')));
    await writer.flush();
    expect(seen).toEqual(['kept']);
  });

  test('a failed write is thrown by flush with its path; the other files are written', async () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'blocked'), 'a file where a folder is needed');
    const writer = new BackgroundWriter();
    writer.write(path.join(dir, 'blocked', 'a.sql'), 'select 1');
    writer.write(path.join(dir, 'ok', 'b.sql'), 'select 2');
    await expect(writer.flush()).rejects.toMatchObject({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/), path: expect.stringContaining('blocked') });
    expect(readFileSync(path.join(dir, 'ok', 'b.sql'), 'utf8')).toBe('select 2');
    // The failure is reported once; the writer stays usable.
    await expect(writer.flush()).resolves.toBeUndefined();
  });

  test('flush with nothing queued returns at once', async () => {
    await expect(new BackgroundWriter().flush()).resolves.toBeUndefined();
  });
});
