import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSqlxProject } from '../../bench/dataform';
import { fingerprint } from '../../bench/fingerprint';
import { copy, replay } from '../../bench/floor';
import { generateProject, planModels } from '../../bench/generate-project';
import { measureNode } from '../../bench/measure';
import { mergeResults, renderReport } from '../../bench/report';
import { parseOptions } from '../../bench/run';
import { alternate, summarize } from '../../bench/stats';
import { tsdbt } from '../helpers/project';

const tempDir = (label: string) => mkdtempSync(path.join(os.tmpdir(), `tsdbt-bench-${label}-`));

function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = readFileSync(file, 'utf8');
    }
  }
  return files;
}

describe('synthetic project generator', () => {
  it('writes the same bytes for the same options', () => {
    const a = generateProject({ models: 40, outDir: tempDir('a') });
    const b = generateProject({ models: 40, outDir: tempDir('b') });
    expect(filesOf(a.dir)).toEqual(filesOf(b.dir));
    expect(Object.keys(filesOf(a.dir))).toEqual(
      expect.arrayContaining(['project.yml', 'macros/bench_macros.sql', 'seeds/seed_customers.csv', 'models/layer_0000/m000000.sql']),
    );
  });

  it('refs only earlier models, 1 to 3 of them, and lets views and ephemerals read tables only', () => {
    const models = planModels({ models: 300 });
    const byName = new Map(models.map((m) => [m.name, m]));
    for (const model of models.filter((m) => m.layer > 0)) {
      expect(model.parents.length).toBeGreaterThanOrEqual(1);
      expect(model.parents.length).toBeLessThanOrEqual(3);
      for (const parent of model.parents.map((name) => byName.get(name)).filter((p) => p !== undefined)) {
        expect(parent.layer).toBeLessThan(model.layer);
        if (model.materialized !== 'table' && parent.layer > 0) expect(parent.materialized).toBe('table');
      }
    }
    const kinds = new Set(models.map((m) => m.materialized));
    expect([...kinds].sort()).toEqual(['ephemeral', 'table', 'view']);
    expect(models.some((m) => m.tested)).toBe(true);
  });

  it('writes a SQLX twin with the same refs for the Dataform peer', () => {
    const project = generateProject({ models: 12, outDir: tempDir('syn') });
    const sqlx = tempDir('sqlx');
    writeSqlxProject(sqlx, project.models, project.seeds, { modules: tempDir('core'), version: '3.0.0' });
    const last = project.models[project.models.length - 1];
    const text = readFileSync(path.join(sqlx, 'definitions', `layer_${String(last.layer).padStart(4, '0')}`, `${last.name}.sqlx`), 'utf8');
    for (const parent of last.parents) expect(text).toContain(`\${ref("${parent}")}`);
    expect(existsSync(path.join(sqlx, 'includes', 'macros.js'))).toBe(true);
  });
});

describe('a tiny bench run', () => {
  it('builds a synthetic project with tsdbt and the DuckDB floor replays it to the same tables', async () => {
    const project = generateProject({ models: 15, outDir: tempDir('build'), seedRows: 20 });
    const run = await tsdbt(project.dir, 'build', '--threads', '1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const floorDb = path.join(tempDir('floor'), `${project.name}.duckdb`);
    await replay(project.dir, floorDb);
    const built = await fingerprint(path.join(project.dir, `${project.name}.duckdb`), project.dir);
    expect(built).toContain('"main"."m000014"=20:');
    expect(await fingerprint(floorDb, project.dir)).toBe(built);
  });

  it('loads a CSV with the bare COPY of the floor', async () => {
    const project = generateProject({ models: 1, outDir: tempDir('copy'), seedRows: 7 });
    const db = path.join(tempDir('copydb'), 'copied.duckdb');
    await copy(path.join(project.dir, 'seeds', 'seed_orders.csv'), db, 'orders');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll('SELECT count(*)::INTEGER AS n, sum(id)::INTEGER AS ids FROM orders')).getRowObjectsJS();
    connection.closeSync();
    instance.closeSync();
    expect(rows).toEqual([{ n: 7, ids: 28 }]);
  });

  it('measures a child process and reports its output when it fails', async () => {
    const ok = await measureNode(['-e', 'Buffer.alloc(64 * 1024 * 1024, 1); console.log("hi")']);
    expect(ok.stdout).toBe('hi\n');
    expect(ok.wallMs).toBeGreaterThan(0);
    expect(ok.peakRssMb).toBeGreaterThan(64);
    expect(ok.cpuMs).toBeGreaterThan(0);
    await expect(measureNode(['-e', 'console.error("broken"); process.exit(3)'])).rejects.toThrow(/exited with 3:\nbroken/);
  });
});

describe('bench plumbing', () => {
  it('takes the median of wall time and peak RSS', () => {
    const m = (wallMs: number, peakRssMb: number) => ({ wallMs, peakRssMb, cpuMs: wallMs / 2, exitCode: 0, stdout: '', stderr: '' });
    expect(summarize([m(30, 100), m(10, 300), m(20, 200)])).toEqual({ runs: 3, wallMs: 20, cpuMs: 10, peakRssMb: 200 });
  });

  it('parses options and rejects unknown ones', () => {
    expect(parseOptions(['--full', '--compile-sizes', '1000,10000', '--only', 'compile'])).toEqual({
      full: true,
      compileSizes: [1000, 10000],
      only: ['compile'],
    });
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option '--fast'/);
  });

  it('replaces rows by id and renders the tables with ratios', () => {
    const file = path.join(tempDir('results'), 'results.json');
    const machine = { cpus: '2 × cpu', memory: '1 GB', os: 'test', node: 'v20', loadAverage: '0.10, 0.10, 0.10', versions: {} };
    const row = (wallMs: number) => ({
      id: 'seed-1',
      section: 'Seeds',
      measure: 'seed',
      command: 'tsdbt seed',
      tsdbt: { runs: 3, wallMs },
      reference: { name: 'COPY', command: 'copy', summary: { runs: 3, wallMs: 1000 } },
    });
    mergeResults(file, { machine, rssMethod: 'x', rows: [row(3000)] });
    const merged = mergeResults(file, { machine, rssMethod: 'x', rows: [row(1500)] });
    expect(merged.rows).toHaveLength(1);
    const notes = '## Findings\n\nwhy it is slow\n\n## Seeds\n\nabout seeds\n\n## Build overhead on PostgreSQL\n\nmeasured by hand\n';
    const report = renderReport(merged, notes);
    expect(report).toContain('| seed | 3 | 1.500 s / - / - | COPY | 1.000 s / - / - | 1.50x |');
    // Each section's notes follow its table, a section with notes only keeps its place, the rest comes last.
    const order = ['## Build overhead on PostgreSQL', 'measured by hand', '## Seeds', '| seed |', '- seed', 'about seeds', '## Findings', 'why it is slow'];
    const positions = order.map((text) => report.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(report.endsWith('why it is slow\n')).toBe(true);
  });

  it('measures two commands alternately, each summarized on its own', async () => {
    const calls: string[] = [];
    const m = (name: string, wallMs: number) => async () => {
      calls.push(name);
      return { wallMs, exitCode: 0, stdout: '', stderr: '' };
    };
    const [a, b] = await alternate(3, m('a', 10), m('b', 20));
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect([a.runs, a.wallMs, b.runs, b.wallMs]).toEqual([3, 10, 3, 20]);
  });
});
