import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogFile } from '../../../src/report/log-file';
import { tsdbt } from '../../helpers/project';
import { expectRun, project } from '../execute/helpers';

const MODELS = { 'models/a.sql': 'select 1 as id', 'models/b.sql': "select * from {{ ref('a') }}" };

describe('logs/dbt.log', () => {
  test('every invocation appends to logs/dbt.log at debug level, whatever the console shows', async () => {
    const dir = project(MODELS);
    const run = await expectRun(dir, 0, 'run', '--quiet');
    expect(run.stdout).toBe('');
    const log = readFileSync(path.join(dir, 'logs', 'dbt.log'), 'utf8');
    expect(log).toMatch(/^={30} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| [0-9a-f-]{36} ={30}$/m);
    expect(log).toMatch(/^\d\d:\d\d:\d\d\.\d{6} \[debug\] \[MainThread\]: running tsdbt with arguments \{"which":"run"/m);
    expect(log).toMatch(/\[info \] \[Thread-1 \(worker\)\]: 1 of 2 START sql view model main\.a/);
    expect(log).toMatch(/\[debug\] \[Thread-1 \(worker\)\]: Finished running node model\.p\.a/);
  });

  test('--log-path moves it; --log-level-file none turns it off; --log-format-file json writes events', async () => {
    const dir = project(MODELS);
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-logs-'));
    await expectRun(dir, 0, 'parse', '--log-path', elsewhere);
    expect(existsSync(path.join(elsewhere, 'dbt.log'))).toBe(true);
    expect(existsSync(path.join(dir, 'logs'))).toBe(false);
    await expectRun(dir, 0, 'parse', '--log-level-file', 'none');
    expect(existsSync(path.join(dir, 'logs'))).toBe(false);
    await expectRun(dir, 0, 'parse', '--log-format-file', 'json', '--log-level-file', 'info');
    const events = readFileSync(path.join(dir, 'logs', 'dbt.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.info.name)).toContain('FoundStats');
    expect(events.every((e) => e.info.level !== 'debug')).toBe(true);
  });

  test('DBT_LOG_PATH is read, below --log-path', async () => {
    const dir = project(MODELS);
    const fromEnv = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-logs-'));
    process.env.DBT_LOG_PATH = fromEnv;
    try {
      await expectRun(dir, 0, 'parse');
    } finally {
      delete process.env.DBT_LOG_PATH;
    }
    expect(existsSync(path.join(fromEnv, 'dbt.log'))).toBe(true);
  });

  test('the file rolls over at its size limit, keeping five old files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsdbt-rotate-'));
    const file = path.join(dir, 'dbt.log');
    writeFileSync(file, 'x'.repeat(90) + '\n');
    const log = new LogFile(file, 100);
    for (let i = 0; i < 8; i++) log.write([`line ${i} ${'y'.repeat(60)}`]);
    log.close();
    expect(readFileSync(file, 'utf8')).toMatch(/^line 7 /);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^line 6 /);
    expect(existsSync(`${file}.5`)).toBe(true);
    expect(existsSync(`${file}.6`)).toBe(false);
  });
});

describe('console levels and JSON events', () => {
  test('--log-level warn hides info lines; --debug shows debug events in the debug format', async () => {
    const dir = project(MODELS);
    expect((await expectRun(dir, 0, 'run', '--log-level', 'warn')).stdout).toBe('');
    const debug = await expectRun(dir, 0, '--debug', 'run');
    expect(debug.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{6} \[debug\] \[MainThread\]: running tsdbt with arguments/m);
    expect(debug.stdout).toMatch(/\[debug\] \[Thread-1 \(worker\)\]: Began running node model\.p\.a/);
  });

  test("JSON lines carry dbt's event names, codes, levels, threads and node_info", async () => {
    const dir = project(MODELS);
    const run = await expectRun(dir, 0, 'run', '--log-format', 'json', '--threads', '1');
    const events = run.stdout.split('\n').map((line) => JSON.parse(line));
    const byName = (name: string) => events.filter((e) => e.info.name === name);
    expect(byName('MainReportVersion')[0].info).toMatchObject({ code: 'A001', level: 'info', thread: 'MainThread' });
    expect(byName('FoundStats')[0].info.code).toBe('W006');
    const start = byName('LogStartLine')[0];
    expect(start.info).toMatchObject({ code: 'Q011', thread: 'Thread-1 (worker)' });
    expect(start.data.node_info).toMatchObject({
      unique_id: 'model.p.a',
      node_name: 'a',
      resource_type: 'model',
      materialized: 'view',
      node_status: 'started',
    });
    const result = byName('LogModelResult')[0];
    expect(result.info.code).toBe('Q012');
    expect(result.data.node_info).toMatchObject({ unique_id: 'model.p.a', node_status: 'success' });
    expect(result.data.node_info.node_relation).toMatchObject({ schema: 'main', alias: 'a' });
    expect(byName('StatsLine')[0].info.msg).toMatch(/^Done\. PASS=2/);
    expect(new Set(events.map((e) => e.info.invocation_id)).size).toBe(1);
  });

  test('a project error is a JSON event too under --log-format json', async () => {
    const dir = project({ 'models/a.sql': "select * from {{ ref('nope') }}" });
    const run = await tsdbt(dir, 'run', '--log-format', 'json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const last = JSON.parse(run.stdout.split('\n').pop()!);
    expect(last.info).toMatchObject({ name: 'MainEncounteredError', code: 'Z002', level: 'error' });
    expect(last.info.msg).toMatch(/models\/a\.sql:1: model 'a' refers to 'nope'/);
    expect(readFileSync(path.join(dir, 'logs', 'dbt.log'), 'utf8')).toMatch(/\[error\] \[MainThread\]: Encountered .*refers to 'nope'/s);
  });
});
