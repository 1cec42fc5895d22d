import type { LineageResult, UpstreamColumn } from '../column-lineage';

/**
 * Every column upstream of one column, however far: the node of each with the columns of it that feed
 * the start, the start's own node included. Nodes without lineage (seeds, sources) end the walk.
 */
export function upstreamColumns(lineage: Record<string, LineageResult>, start: UpstreamColumn): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>([[start.node, new Set([start.column])]]);
  const stack = [start];
  while (stack.length > 0) {
    const { node, column } = stack.pop() as UpstreamColumn;
    const result = lineage[node];
    if (!result || !('columns' in result)) continue;
    const entry = result.columns.find((c) => c.column.toLowerCase() === column.toLowerCase());
    for (const source of entry?.sources ?? []) {
      const columns = found.get(source.node) ?? new Set<string>();
      if (columns.has(source.column)) continue;
      columns.add(source.column);
      found.set(source.node, columns);
      stack.push(source);
    }
  }
  return found;
}

/** The hash-route parameter naming one column of one node, and back. */
export function columnParameter(node: string, column: string): string {
  return `${node}:${column}`;
}

export function parseColumnParameter(text: string): UpstreamColumn | undefined {
  const at = text.indexOf(':');
  return at > 0 ? { node: text.slice(0, at), column: text.slice(at + 1) } : undefined;
}
