/**
 * Parses CSV text into records keyed by the header (RFC 4180 quoting). Empty fields become null, as dbt reads CSV
 * fixtures; every other value stays text, to be cast to the column's type later.
 */
export function parseCsvRows(text: string): Record<string, string | null>[] {
  const records = splitCsvRecords(text.trim()).map((fields) => fields.map((f) => f.trim()));
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

/** Splits CSV text into records of raw field text (RFC 4180 quoting, LF or CRLF), skipping blank lines. */
export function splitCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push(fields);
    fields = [];
    field = '';
  };
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
      endRecord();
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
