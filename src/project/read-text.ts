import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { ProjectError } from '../errors';

/**
 * A project file's text. Project files are UTF-8, as dbt reads them; any other encoding is refused with the first
 * offending byte, instead of being read with U+FFFD in place of its characters.
 */
export function readTextFile(absPath: string, file: string): string {
  const bytes = readFileSync(absPath);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const invalid = invalidUtf8(bytes)!;
  throw new ProjectError(invalid.message, { file, line: invalid.line }, 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old > new)');
}

/** Where `bytes` stop being UTF-8, in words for a message; undefined when they are UTF-8. */
export function invalidUtf8(bytes: Uint8Array): { message: string; line: number } | undefined {
  if (isUtf8(bytes)) return undefined;
  const offset = firstInvalidUtf8(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const byte = bytes[offset].toString(16).toUpperCase().padStart(2, '0');
  return { message: `not valid UTF-8: byte 0x${byte} at byte offset ${offset} (line ${line})`, line };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the input is known to hold one). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    // Overlong, surrogate and out-of-range forms decided by the second byte.
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length - 1;
}
