import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ChartData } from '../exposure-charts';
import { h, sqlBlock } from './render';

// Only the parts the charts use: the bundle stays a fraction of Chart.js's size.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLORS = ['#1f6feb', '#cf222e', '#2da44e', '#bf8700', '#8250df'];

function formatter(format: ChartData['format']): (value: number | null) => string {
  if (format === 'currency') return (value) => (value === null ? '' : value.toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
  if (format === 'percent') return (value) => (value === null ? '' : `${(value * 100).toFixed(2)} %`);
  return (value) => (value === null ? '' : value.toLocaleString('en-US'));
}

function dataTable(chart: ChartData, format: (value: number | null) => string): HTMLElement {
  const labels = chart.labels ?? [];
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, 'Data and SQL'),
    h(
      'table',
      { class: 'details' },
      h('tr', {}, h('th', {}, chart.x), ...chart.y.map((y) => h('th', {}, y))),
      ...labels.map((label, row) => h('tr', {}, h('td', {}, label), ...(chart.series ?? []).map((series) => h('td', {}, format(series[row]))))),
    ),
    chart.sql ? sqlBlock(chart.sql) : null,
  );
}

/** One figure per chart; the canvases are drawn once the page is in the document (Chart.js measures them). */
export function chartsSection(charts: ChartData[]): HTMLElement {
  const figures = charts.map((chart) => {
    const figure = h('figure', { class: 'chart', 'data-title': chart.title }, h('figcaption', {}, chart.title));
    if (chart.error) {
      figure.append(h('p', { class: 'error chart-error' }, `Chart unavailable: ${chart.error}`));
      return figure;
    }
    const format = formatter(chart.format);
    const canvas = h('canvas', { role: 'img', 'aria-label': chart.title });
    figure.append(h('div', { class: 'chart-canvas' }, canvas), dataTable(chart, format));
    requestAnimationFrame(() => {
      const drawn = new Chart(canvas, {
        type: chart.kind,
        data: {
          labels: chart.labels,
          datasets: chart.y.map((y, index) => ({
            label: y,
            data: chart.series?.[index] ?? [],
            backgroundColor: COLORS[index % COLORS.length],
            borderColor: COLORS[index % COLORS.length],
          })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: chart.y.length > 1 }, tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(item.parsed.y)}` } } },
          scales: { y: { beginAtZero: true, ticks: { callback: (value) => format(Number(value)) } } },
        },
      });
      // What was drawn, for whoever checks the page against the SQL.
      figure.dataset.labels = JSON.stringify(drawn.data.labels);
      figure.dataset.series = JSON.stringify(drawn.data.datasets.map((dataset) => dataset.data));
    });
    return figure;
  });
  return h('section', { class: 'charts' }, h('h2', {}, 'Charts'), ...figures);
}
