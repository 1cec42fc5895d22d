import { chartData, chartSpecs, exposureCharts, MAX_CHART_POINTS, type ChartSpec } from '../../../src/docs/exposure-charts';
import { upstreamColumns } from '../../../src/docs/site/column-trace';

const SPEC: ChartSpec = { title: 'MRR', kind: 'bar', sql: 'select 1', x: 'month', y: ['mrr'], format: 'currency' };

describe('exposure charts (meta.tsdbt_charts)', () => {
  it('reads specs with their defaults, and says what a wrong one lacks', () => {
    expect(chartSpecs({})).toEqual([]);
    expect(chartSpecs({ tsdbt_charts: [{ title: 'A', sql: 'select 1', x: 'a', y: 'b' }] })).toEqual([
      { title: 'A', kind: 'bar', format: 'number', sql: 'select 1', x: 'a', y: ['b'] },
    ]);
    expect(chartSpecs({ tsdbt_charts: [{ x: 'a' }, { sql: 's', x: 'a', y: ['b'], kind: 'pie' }] })).toEqual([
      { title: 'chart 1', error: 'meta.tsdbt_charts[0] needs sql (a query), y (a column name or a list of them)' },
      { title: 'chart 2', error: 'meta.tsdbt_charts[1].kind is bar or line, not "pie"' },
    ]);
    expect(chartSpecs({ tsdbt_charts: 'nope' })).toEqual([{ title: 'tsdbt_charts', error: 'meta.tsdbt_charts must be a list of charts (title, sql, x, y)' }]);
  });

  it('turns rows into labels and numeric series (dates as days, decimals read as strings as numbers)', () => {
    const result = {
      columns: [
        { name: 'MONTH', type: 'DATE' },
        { name: 'mrr', type: 'DECIMAL(38,2)' },
      ],
      rows: [
        { MONTH: new Date('2024-11-01T00:00:00Z'), mrr: '13810.21' },
        { MONTH: '2024-12-01', mrr: null },
      ],
    };
    expect(chartData(SPEC, 'select ...', result)).toMatchObject({ labels: ['2024-11-01', '2024-12-01'], series: [[13810.21, null]], sql: 'select ...' });
    expect(chartData({ ...SPEC, y: ['revenue'] }, '', result).error).toBe('the query has no column revenue (it has MONTH, mrr)');
    const many = { columns: result.columns, rows: Array.from({ length: MAX_CHART_POINTS + 5 }, (_, i) => ({ MONTH: String(i), mrr: i })) };
    expect(chartData(SPEC, '', many).labels).toHaveLength(MAX_CHART_POINTS);
  });

  it('says the models are not built instead of querying, and reports a failing query per chart', async () => {
    const exposure = { uniqueId: 'exposure.p.dash', meta: { tsdbt_charts: [{ title: 'A', sql: 'select 1', x: 'a', y: 'b' }] }, dependsOn: ['model.p.m'] };
    const notBuilt = await exposureCharts(
      [exposure],
      () => ['m'],
      () => Promise.reject(new Error('never asked')),
    );
    expect(notBuilt['exposure.p.dash'][0].error).toBe('not built yet: m (run `tsdbt build`, then `tsdbt docs generate`)');
    const failing = await exposureCharts(
      [exposure],
      () => [],
      () => Promise.reject(new Error('Binder Error: no column b')),
    );
    expect(failing['exposure.p.dash'][0].error).toBe('Binder Error: no column b');
  });
});

describe('upstream columns of a column, however far', () => {
  it('walks every level, each column once, and stops at nodes without lineage', () => {
    const lineage = {
      'model.p.c': {
        columns: [
          {
            column: 'total',
            sources: [
              { node: 'model.p.b', column: 'amount' },
              { node: 'model.p.b', column: 'fee' },
            ],
            transformed: true,
          },
        ],
      },
      'model.p.b': {
        columns: [
          { column: 'AMOUNT', sources: [{ node: 'seed.p.a', column: 'amount' }], transformed: false },
          { column: 'fee', sources: [{ node: 'seed.p.a', column: 'amount' }], transformed: true },
        ],
      },
      'model.p.x': { unavailable: 'no reason' },
    };
    const found = upstreamColumns(lineage, { node: 'model.p.c', column: 'total' });
    expect(Object.fromEntries([...found].map(([node, columns]) => [node, [...columns].sort()]))).toEqual({
      'model.p.c': ['total'],
      'model.p.b': ['amount', 'fee'],
      'seed.p.a': ['amount'],
    });
    expect([...upstreamColumns(lineage, { node: 'model.p.x', column: 'y' }).keys()]).toEqual(['model.p.x']);
  });
});
