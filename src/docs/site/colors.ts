/** One colour per resource type, in the graph, its legend and the page badges. */
export const TYPE_COLORS: Record<string, string> = {
  model: '#1f6feb',
  source: '#2da44e',
  seed: '#8250df',
  snapshot: '#bf8700',
  analysis: '#6e7781',
  exposure: '#cf222e',
  test: '#57606a',
  macro: '#0a7f86',
};

export function typeColor(resourceType: string): string {
  return TYPE_COLORS[resourceType] ?? '#57606a';
}
