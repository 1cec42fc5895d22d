/// <reference lib="dom" />
// (The callbacks given to page.waitForFunction run in the page, where the DOM is.)
/**
 * The docs site of the StreamFlix project in a real browser: Debian's chromium, driven headless by
 * playwright-core, against `docs serve` (the built CLI in a child process) and the --static file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyStreamflix, REPOSITORY, writeProject } from '../../helpers/project';

const CLI = path.join(REPOSITORY, 'dist', 'src', 'cli', 'main.js');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => file && existsSync(file));
if (!CHROMIUM)
  console.warn('docs site browser tests skipped: no chromium at $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser (apt-get install chromium)');
const describeInBrowser = CHROMIUM ? describe : describe.skip;

interface ManifestGraph {
  nodes: Record<string, { resource_type: string; name: string }>;
  sources: Record<string, unknown>;
  exposures: Record<string, unknown>;
  parent_map: Record<string, string[]>;
}

/** What the graph should draw for the whole project: every node but tests, and the edges between them. */
function expectedGraph(manifest: ManifestGraph, keep: (id: string) => boolean = () => true) {
  const isShown = (id: string) =>
    (id in manifest.sources || id in manifest.exposures || (id in manifest.nodes && manifest.nodes[id].resource_type !== 'test')) && keep(id);
  const nodes = Object.keys(manifest.parent_map).filter(isShown).sort();
  const edges = Object.entries(manifest.parent_map)
    .filter(([child]) => isShown(child))
    .flatMap(([child, parents]) => parents.filter(isShown).map((parent) => `${parent} -> ${child}`))
    .sort();
  return { nodes, edges };
}

async function drawnGraph(page: Page) {
  await page.waitForSelector('svg.graph .node');
  const nodes = await page.locator('svg.graph .node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') as string));
  const edges = await page.locator('svg.graph .edge').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-from')} -> ${el.getAttribute('data-to')}`));
  return { nodes: nodes.sort(), edges: edges.sort() };
}

function ancestorsAndSelf(manifest: ManifestGraph, id: string): Set<string> {
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length > 0)
    for (const parent of manifest.parent_map[stack.pop() as string] ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
    }
  return seen;
}

/** A project too big to draw whole: `models` models, each reading its predecessor and its half. */
function largeProject(models: number): string {
  const files: Record<string, string> = { 'project.yml': 'name: large\nmodels:\n  large:\n    +materialized: view\n' };
  files['models/m0.sql'] = 'select 1 as id';
  for (let i = 1; i < models; i++)
    files[`models/m${i}.sql`] = `select * from {{ ref('m${i - 1}') }} union all select * from {{ ref('m${Math.floor(i / 2)}') }}`;
  return writeProject(files);
}

describeInBrowser('docs site in chromium (StreamFlix)', () => {
  let projectDir: string;
  let target: string;
  let manifest: ManifestGraph;
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  const consoleErrors: string[] = [];

  async function open(address: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${address}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${address}: ${error.message}`));
    await page.goto(address);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    projectDir = mkdtempSync(path.join(tmpdir(), 'streamflix-docs-'));
    copyStreamflix(projectDir);
    for (const args of [['build'], ['docs', 'generate', '--static']])
      execFileSync(process.execPath, [CLI, ...args, '--project-dir', projectDir], { cwd: projectDir, stdio: 'pipe' });
    target = path.join(projectDir, 'target');
    manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8'));
    server = spawn(process.execPath, [CLI, 'docs', 'serve', '--port', '0', '--no-browser', '--project-dir', projectDir], { cwd: projectDir });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk) => {
        output += String(chunk);
        const match = /Serving docs at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`docs serve exited with ${code}: ${output}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (projectDir) rmSync(projectDir, { recursive: true, force: true });
  });

  it('draws every node and edge of the manifest, tests aside, and a screenshot is kept', async () => {
    const page = await open(`${url}/#/graph`);
    const drawn = await drawnGraph(page);
    expect(drawn).toEqual(expectedGraph(manifest));
    expect(drawn.nodes).toContain('model.streamflix.fct_mrr');
    await page.screenshot({ path: path.join(target, 'docs-lineage.png') });
    await page.close();
  });

  it('shows exactly the subgraph a selection typed in the page picks: +fct_mrr', async () => {
    const page = await open(`${url}/#/graph`);
    await page.fill('input[name="select"]', '+fct_mrr');
    await page.click('.graph-form button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes('fct_mrr'));
    await page.waitForFunction(
      () => document.querySelectorAll('svg.graph .node').length > 0 && !document.querySelector('svg.graph .node[data-id="model.streamflix.dim_users"]'),
    );
    const upstream = ancestorsAndSelf(manifest, 'model.streamflix.fct_mrr');
    expect(await drawnGraph(page)).toEqual(expectedGraph(manifest, (id) => upstream.has(id)));
    await page.close();
  });

  it('finds dim_users by search; the database tree opens a model', async () => {
    const page = await open(url);
    await page.fill('input[name="q"]', 'dim_users');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForSelector('.search-results');
    expect(await page.locator('.search-results li[data-id]').first().getAttribute('data-id')).toBe('model.streamflix.dim_users');
    // The database tree: database, schema, relations.
    await page.click('.sidebar .tab[data-tree="database"]');
    await page.click('.sidebar summary:text-is("main")');
    await page.click('.sidebar a.leaf[data-id="model.streamflix.fct_mrr"]');
    await page.waitForSelector('.node-page[data-id="model.streamflix.fct_mrr"]');
    expect(await page.locator('.sidebar a.leaf.current').getAttribute('data-id')).toBe('model.streamflix.fct_mrr');
    await page.close();
  });

  it('opens a model page from the graph, with its columns, their types and the compiled SQL', async () => {
    const page = await open(`${url}/#/graph?select=%2Bdim_users`);
    await page.click('svg.graph .node[data-id="model.streamflix.dim_users"]');
    await page.waitForSelector('.node-page[data-id="model.streamflix.dim_users"]');
    const columns = await page.locator('.columns tbody tr').count();
    expect(columns).toBeGreaterThan(2);
    expect(await page.locator('.columns tbody tr[data-column="user_id"] .column-type').textContent()).not.toBe('');
    expect(await page.locator('.code-section .tab.active').textContent()).toBe('Compiled');
    const code = (await page.locator('.code-section pre.code').textContent()) ?? '';
    expect(code).toMatch(/select/i);
    expect(code).not.toContain('{{');
    expect(await page.locator('.code-section .hljs-keyword').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(target, 'docs-model-page.png'), fullPage: true });
    await page.close();
  });

  it("shows each dim_users column's upstream columns; a click opens them; the graph highlights them", async () => {
    const page = await open(`${url}/#/node/model.streamflix.dim_users`);
    const sources = (column: string) =>
      page
        .locator(`.columns tr[data-column="${column}"] .lineage-source`)
        .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-node')}.${el.getAttribute('data-column')}`));
    expect(await sources('country')).toEqual(['model.streamflix.stg_users.country']);
    expect(await sources('lifetime_value')).toEqual(['model.streamflix.int_revenue_payments.amount']);
    expect(await sources('subscription_status')).toEqual([
      'model.streamflix.int_as_of_date.as_of_date',
      'model.streamflix.int_subscriptions.end_date',
      'model.streamflix.int_subscriptions.start_date',
      'model.streamflix.int_subscriptions.user_id',
    ]);
    expect(await page.locator('.lineage-unavailable').count()).toBe(0);
    await page.screenshot({ path: path.join(target, 'docs-column-lineage.png'), fullPage: true });
    await page.click('.columns tr[data-column="country"] .lineage-source');
    await page.waitForSelector('.node-page[data-id="model.streamflix.stg_users"]');
    // The graph, from the column's own link: its upstream nodes marked, down to the seed.
    await page.goBack();
    await page.click('.columns tr[data-column="country"] a.lineage-graph');
    await page.waitForSelector('svg.graph .node.column-hit');
    const marked = await page
      .locator('svg.graph .node.column-hit')
      .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-id')}:${el.getAttribute('data-columns')}`));
    expect(marked.sort()).toEqual(['model.streamflix.dim_users:country', 'model.streamflix.stg_users:country', 'seed.streamflix.raw_users:country']);
    expect(await page.locator('.column-trace-panel a').evaluateAll((els) => els.map((el) => el.textContent))).toEqual([
      'stg_users.country',
      'raw_users.country',
    ]);
    // Another column picked in the graph page.
    await page.selectOption('select[name="column"]', 'model.streamflix.dim_users:lifetime_value');
    await page.waitForSelector('svg.graph .node.column-hit[data-id="model.streamflix.stg_payments"]');
    expect(await page.locator('svg.graph .node.column-hit[data-id="model.streamflix.stg_users"]').count()).toBe(0);
    await page.screenshot({ path: path.join(target, 'docs-column-graph.png') });
    await page.close();
  });

  it('shows the dashboard exposure with its three charts, whose points are the SQL results', async () => {
    const show = (...args: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [CLI, 'show', '--limit', '-1', '--output', 'json', '-q', ...args, '--project-dir', projectDir], {
          cwd: projectDir,
          encoding: 'utf8',
        }),
      ).show as Record<string, string | number | null>[];
    const page = await open(`${url}/#/node/exposure.streamflix.revenue_and_retention`);
    await page.waitForFunction(() => document.querySelectorAll('figure.chart[data-series] canvas').length === 3);
    const charts = await page.locator('figure.chart').evaluateAll((els) =>
      els.map((el) => ({
        title: el.getAttribute('data-title'),
        labels: JSON.parse(el.getAttribute('data-labels') ?? '[]'),
        series: JSON.parse(el.getAttribute('data-series') ?? '[]'),
      })),
    );
    expect(charts.map((chart) => chart.title)).toEqual(['MRR by month', 'Churn rate by month', 'Average LTV by marketing channel']);
    const [mrr, churn, ltv] = charts;
    const mrrRows = show('--inline', "select month, sum(mrr) as mrr from {{ ref('fct_mrr') }} group by month order by month");
    expect(mrr.labels).toEqual(mrrRows.map((row) => row.month));
    expect(mrr.series).toEqual([mrrRows.map((row) => Number(row.mrr))]);
    expect(mrr.labels).toHaveLength(24);
    expect(mrr.series[0][23]).toBe(14124.98);
    // The last three months are the analysis's (6.83 %, 5.22 %, 5.09 %).
    const analysis = show('--select', 'churn_rate_last_3_months').filter((row) => row.month !== null);
    expect(churn.labels.slice(-3)).toEqual(analysis.map((row) => row.month));
    expect(churn.series[0].slice(-3)).toEqual(analysis.map((row) => Number(row.churn_rate)));
    expect(churn.series[0].slice(-3).map((rate: number) => (rate * 100).toFixed(2))).toEqual(['6.83', '5.22', '5.09']);
    const channels = show('--select', 'ltv_by_marketing_channel');
    expect(ltv.labels).toEqual(channels.map((row) => row.marketing_channel));
    expect(ltv.series).toEqual([channels.map((row) => Number(row.avg_ltv))]);
    expect(ltv.labels[0]).toBe('referral');
    expect(ltv.series[0][0]).toBe(145.74);
    await page.screenshot({ path: path.join(target, 'docs-exposure-charts.png'), fullPage: true });
    await page.close();
  });

  it('works from the --static file opened at file://, with no server', async () => {
    const page = await open(`file://${path.join(target, 'static_index.html')}#/graph`);
    expect(await drawnGraph(page)).toEqual(expectedGraph(manifest));
    await page.goto(`file://${path.join(target, 'static_index.html')}#/node/model.streamflix.fct_mrr`);
    await page.waitForSelector('.node-page[data-id="model.streamflix.fct_mrr"] .columns');
    await page.close();
  });

  it('at 600 models, draws a part of the graph and says so; a selection draws whole', async () => {
    const large = largeProject(600);
    try {
      execFileSync(process.execPath, [CLI, 'docs', 'generate', '--static', '--empty-catalog', '--project-dir', large], { cwd: large, stdio: 'pipe' });
      const file = `file://${path.join(large, 'target', 'static_index.html')}`;
      const page = await open(`${file}#/graph`);
      await page.waitForSelector('svg.graph .node');
      const status = (await page.locator('.graph-status').textContent()) ?? '';
      const shown = Number((/^600 nodes in the project: too many to draw; showing the first (\d+) in DAG order/.exec(status) ?? [])[1]);
      expect(shown).toBeGreaterThan(50);
      expect(shown).toBeLessThan(600);
      expect(await page.locator('svg.graph .node').count()).toBe(shown);
      await page.goto(`${file}#/graph?select=%2Bm9`);
      await page.waitForFunction(() => document.querySelector('.graph-status')?.textContent?.includes('selected'));
      expect(await page.locator('.graph-status').textContent()).toMatch(/^10 nodes, \d+ edges selected\.$/);
      await page.close();
    } finally {
      rmSync(large, { recursive: true, force: true });
    }
  }, 120000);

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('docs serve stops cleanly on Ctrl-C (SIGINT) with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
