import { readFileSync } from 'node:fs';

/** Reads a header-row CSV (RFC 4180 quoting) into one record per row, every value as text. */
export function readCsv(path: string): Record<string, string>[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const [header, ...body] = rows;
  return body.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

/** Splits CSV text into rows of raw field text; also used to see the exact bytes of each line. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n') { fields.push(field); rows.push(fields); fields = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length > 0) { fields.push(field); rows.push(fields); }
  return rows;
}
