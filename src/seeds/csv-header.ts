import { closeSync, openSync, readSync } from 'node:fs';
import { invalidUtf8 } from '../project/read-text';
import { SeedLoadError } from './seed-load-error';

/** For a CSV that is not UTF-8: the two ways out. */
export const NOT_UTF8_HINT = "save the file as UTF-8, or name its encoding in the seed's config: csv_options: {encoding: latin-1}";

const BOM = '\ufeff';
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads just the header record. DuckDB's sniffer guesses wrong on small or ragged files, so the
 * loader names every column itself and lets DuckDB parse the rest with auto-detection off.
 */
export function readCsvHeader(csvPath: string, delimiter: string, fileLabel: string, encoding?: string): string[] {
  const text = decodeHeader(readFirstRecordBytes(csvPath), fileLabel, encoding);
  const names = parseRecord(text.startsWith(BOM) ? text.slice(BOM.length) : text, delimiter);
  if (names === undefined) throw new SeedLoadError(`${fileLabel}:1: unterminated quoted column name in the header`, fileLabel, 1);
  if (names.length === 1 && names[0].trim() === '') {
    throw new SeedLoadError(`${fileLabel}: the file is empty; a seed needs at least a header row`, fileLabel);
  }
  checkNames(names, fileLabel);
  return names;
}

function checkNames(names: string[], fileLabel: string): void {
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    if (name === '') throw new SeedLoadError(`${fileLabel}:1: column ${i + 1} has no name in the header`, fileLabel, 1);
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new SeedLoadError(
        `${fileLabel}:1: duplicate column name "${name}" (same as "${earlier}"; names are case-insensitive)`,
        fileLabel,
        1,
      );
    }
    seen.set(key, name);
  });
}

/** DuckDB's encoding names as the decoder knows them. */
const DECODER_LABELS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'latin-1': 'latin1', latin1: 'latin1', 'utf-16': 'utf-16le' };

function decodeHeader(bytes: Buffer, fileLabel: string, encoding = 'utf-8'): string {
  const label = DECODER_LABELS[encoding.toLowerCase()];
  if (label !== 'utf-8') return new TextDecoder(label ?? encoding).decode(bytes);
  const invalid = invalidUtf8(bytes);
  if (invalid) throw new SeedLoadError(`${fileLabel}:1: ${invalid.message}`, fileLabel, 1, undefined, NOT_UTF8_HINT);
  return bytes.toString('utf8');
}

/** Bytes up to the first line break outside quotes (or the whole file if it has none). */
function readFirstRecordBytes(csvPath: string): Buffer {
  const fd = openSync(csvPath, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const chunks: Buffer[] = [];
    let inQuotes = false;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i];
        if (byte === 0x22) inQuotes = !inQuotes;
        else if ((byte === 0x0a || byte === 0x0d) && !inQuotes) {
          chunks.push(Buffer.from(buffer.subarray(0, i)));
          return Buffer.concat(chunks);
        }
      }
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Splits one CSV record with `"` quoting and `""` escapes; undefined if a quote is left open. */
function parseRecord(text: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') inQuotes = false;
      else field += ch;
      i += 1;
    } else if (ch === '"') {
      inQuotes = true;
      i += 1;
    } else if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (inQuotes) return undefined;
  fields.push(field);
  return fields;
}
