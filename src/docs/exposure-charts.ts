import type { QueryResult } from '../adapters/adapter';

/**
 * Charts an exposure declares in `meta.tsdbt_charts`, computed at `docs generate` time:
 *
 *   meta:
 *     tsdbt_charts:
 *       - title: MRR by month
 *         kind: bar                # bar (default) or line
 *         sql: select month, sum(mrr) as mrr from {{ ref('fct_mrr') }} group by 1 order by 1
 *         x: month                 # the column along the axis
 *         y: mrr                   # a column, or a list of columns (one series each)
 *         format: currency         # number (default), currency or percent (a ratio, shown x 100)
 *
 * The SQL is rendered like an analysis (ref, source, macros) and run through the adapter.
 */
export interface ChartSpec {
  title: string;
  kind: 'bar' | 'line';
  sql: string;
  x: string;
  y: string[];
  format: 'number' | 'currency' | 'percent';
}

/** What the site draws: the spec's labels and the query's points, or why there are none. */
export interface ChartData {
  title: string;
  kind: ChartSpec['kind'];
  format: ChartSpec['format'];
  x: string;
  y: string[];
  /** Compiled SQL, shown under the chart. */
  sql?: string;
  labels?: string[];
  series?: (number | null)[][];
  error?: string;
}

/** The most points a chart keeps: beyond it, a chart is unreadable and the data file grows. */
export const MAX_CHART_POINTS = 1000;

const KINDS = ['bar', 'line'];
const FORMATS = ['number', 'currency', 'percent'];

/** The charts of an exposure's meta, each a spec or the reason it is not one. */
export function chartSpecs(meta: Record<string, unknown>): (ChartSpec | { title: string; error: string })[] {
  const charts = meta.tsdbt_charts;
  if (charts === undefined) return [];
  if (!Array.isArray(charts)) return [{ title: 'tsdbt_charts', error: 'meta.tsdbt_charts must be a list of charts (title, sql, x, y)' }];
  return charts.map((chart: unknown, index) => {
    const entry = (chart && typeof chart === 'object' ? chart : {}) as Record<string, unknown>;
    const title = typeof entry.title === 'string' ? entry.title : `chart ${index + 1}`;
    const y = typeof entry.y === 'string' ? [entry.y] : Array.isArray(entry.y) ? entry.y.map(String) : [];
    const kind = entry.kind ?? 'bar';
    const format = entry.format ?? 'number';
    const problems = [
      typeof entry.sql !== 'string' && 'sql (a query)',
      typeof entry.x !== 'string' && 'x (a column name)',
      y.length === 0 && 'y (a column name or a list of them)',
    ].filter(Boolean);
    if (problems.length) return { title, error: `meta.tsdbt_charts[${index}] needs ${problems.join(', ')}` };
    if (!KINDS.includes(String(kind))) return { title, error: `meta.tsdbt_charts[${index}].kind is bar or line, not ${JSON.stringify(kind)}` };
    if (!FORMATS.includes(String(format)))
      return { title, error: `meta.tsdbt_charts[${index}].format is ${FORMATS.join(', ')}, not ${JSON.stringify(format)}` };
    return { title, kind, format, sql: entry.sql, x: entry.x, y } as ChartSpec;
  });
}

function label(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  return value === null || value === undefined ? '' : String(value);
}

function point(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A chart's points from its query's rows, or the error naming the missing column. */
export function chartData(spec: ChartSpec, sql: string, result: QueryResult): ChartData {
  const base = { title: spec.title, kind: spec.kind, format: spec.format, x: spec.x, y: spec.y, sql };
  const names = result.columns.map((c) => c.name);
  const find = (column: string) => names.find((name) => name.toLowerCase() === column.toLowerCase());
  const missing = [spec.x, ...spec.y].filter((column) => !find(column));
  if (missing.length) return { ...base, error: `the query has no column ${missing.join(', ')} (it has ${names.join(', ')})` };
  const rows = result.rows.slice(0, MAX_CHART_POINTS);
  return {
    ...base,
    labels: rows.map((row) => label(row[find(spec.x) as string])),
    series: spec.y.map((column) => rows.map((row) => point(row[find(column) as string]))),
  };
}

/** Renders a chart's SQL and runs it; throws what the warehouse says. */
export type ChartQuery = (sql: string) => Promise<{ sql: string; result: QueryResult }>;

/**
 * The charts of each exposure that declares some. `unbuilt` names the relations an exposure reads that
 * the warehouse lacks: its charts then say so instead of failing one by one.
 */
export async function exposureCharts(
  exposures: Iterable<{ uniqueId: string; meta: Record<string, unknown>; dependsOn: string[] }>,
  unbuilt: (ids: string[]) => string[],
  query: ChartQuery,
): Promise<Record<string, ChartData[]>> {
  const charts: Record<string, ChartData[]> = {};
  for (const exposure of exposures) {
    const specs = chartSpecs(exposure.meta);
    if (specs.length === 0) continue;
    const missing = unbuilt(exposure.dependsOn);
    charts[exposure.uniqueId] = [];
    for (const spec of specs) {
      const empty = { kind: 'bar' as const, format: 'number' as const, x: '', y: [] };
      if ('error' in spec) charts[exposure.uniqueId].push({ ...empty, ...spec });
      else if (missing.length)
        charts[exposure.uniqueId].push({
          ...spec,
          error: `not built yet: ${missing.join(', ')} (run \`tsdbt build\`, then \`tsdbt docs generate\`)`,
        });
      else {
        try {
          const { sql, result } = await query(spec.sql);
          charts[exposure.uniqueId].push(chartData(spec, sql, result));
        } catch (error) {
          charts[exposure.uniqueId].push({ ...spec, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
  return charts;
}
