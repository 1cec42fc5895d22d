import type { Resource } from './data';

export interface SearchHit {
  uniqueId: string;
  /** What matched: the name, a column (its name), or the description. */
  field: 'name' | 'column' | 'description' | 'code';
  /** The matching text (a column's name, a piece of the description). */
  excerpt: string;
}

/** Better matches first: names, then columns, descriptions and code. */
const RANK: Record<SearchHit['field'], number> = { name: 0, column: 1, description: 2, code: 3 };

function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + length + 60);
  return (start > 0 ? '…' : '') + text.slice(start, end).replace(/\s+/g, ' ') + (end < text.length ? '…' : '');
}

/**
 * Resources whose name, columns, description or SQL contain every word of `query` (case-insensitive),
 * each with what matched first; exact names lead, then by field, then by name.
 */
export function search(resources: Iterable<Resource>, query: string, limit = 200): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: (SearchHit & { exact: boolean; name: string })[] = [];
  for (const resource of resources) {
    const columns = Object.values(resource.columns ?? {});
    const fields: [SearchHit['field'], string][] = [
      ['name', resource.name],
      ...columns.map((c): [SearchHit['field'], string] => ['column', `${c.name} ${c.description ?? ''}`]),
      ['description', resource.description ?? ''],
      ['code', resource.raw_code ?? resource.macro_sql ?? ''],
    ];
    const haystack = fields.map(([, text]) => text.toLowerCase()).join('\n');
    if (!words.every((word) => haystack.includes(word))) continue;
    for (const [field, text] of fields) {
      const at = text.toLowerCase().indexOf(words[0]);
      if (at < 0) continue;
      const shown = field === 'column' ? text.split(' ')[0] : field === 'name' ? text : excerpt(text, at, words[0].length);
      hits.push({
        uniqueId: resource.unique_id,
        field,
        excerpt: shown,
        exact: resource.name.toLowerCase() === query.trim().toLowerCase(),
        name: resource.name,
      });
      break;
    }
  }
  hits.sort((a, b) => Number(b.exact) - Number(a.exact) || RANK[a.field] - RANK[b.field] || a.name.localeCompare(b.name));
  return hits.slice(0, limit).map(({ uniqueId, field, excerpt }) => ({ uniqueId, field, excerpt }));
}
