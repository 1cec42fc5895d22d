/**
 * Parses CSV text into records keyed by the header (RFC 4180 quoting). Empty fields become null, as dbt reads CSV
 * fixtures; every other value stays text, to be cast to the column's type later.
 */
export function parseCsvRows(text: string): Record<string, string | null>[] {
  const records = splitRecords(text.trim());
  if (records.length === 0) return [];
  const header = records[0].map((name) => name.trim());
  return records.slice(1).map((fields) => {
    const row: Record<string, string | null> = {};
    header.forEach((name, i) => {
      const value = fields[i];
      row[name] = value === undefined || value === '' ? null : value;
    });
    return row;
  });
}

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push(fields.map((f) => f.trim()));
      fields = [];
      field = '';
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push(fields.map((f) => f.trim()));
  return records;
}
