import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freshnessStatus } from '../../../src/execute/freshness';
import { tsdbt, writeProject } from '../../helpers/project';

describe('source freshness', () => {
  test('thresholds compare the age with warn_after and error_after', () => {
    const criteria = { warn_after: { count: 1, period: 'hour' as const }, error_after: { count: 1, period: 'day' as const } };
    expect(freshnessStatus(59 * 60, criteria)).toBe('pass');
    expect(freshnessStatus(2 * 3600, criteria)).toBe('warn');
    expect(freshnessStatus(2 * 86400, criteria)).toBe('error');
  });

  test('stale, fresh and filtered sources, with target/sources.json and exit code 1 on error', async () => {
    const dir = writeProject({
      'project.yml': 'name: fresh\n',
      'models/events.sql': "select 1 as id, current_timestamp - interval 10 minute as loaded_at union all select 2, timestamp '2020-01-01'\n",
      'models/sources.yml': [
        'sources:',
        '  - name: raw',
        '    schema: main',
        '    loaded_at_field: loaded_at',
        '    freshness:',
        '      warn_after: {count: 1, period: hour}',
        '      error_after: {count: 2, period: day}',
        '    tables:',
        '      - name: events',
        '      - name: old_events',
        '        identifier: events',
        '        freshness:',
        '          error_after: {count: 1, period: day}',
        '          filter: id = 2',
        '      - name: unchecked',
        '        identifier: events',
        '        freshness: null',
        '',
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    const run = await tsdbt(dir, 'source', 'freshness');
    expect(run.stdout).toMatch(/PASS freshness of raw\.events/);
    expect(run.stdout).toMatch(/ERROR STALE freshness of raw\.old_events/);
    expect(run.stdout).not.toMatch(/unchecked/);
    expect(run.code).toBe(1);
    const sources = JSON.parse(readFileSync(path.join(dir, 'target', 'sources.json'), 'utf8'));
    const statuses = Object.fromEntries(sources.results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]));
    expect(statuses).toEqual({ 'source.fresh.raw.events': 'pass', 'source.fresh.raw.old_events': 'error' });
    expect((await tsdbt(dir, 'source', 'freshness', '--select', 'source:raw.events')).code).toBe(0);
  });

  test("loaded_at_field as a config (dbt 1.10.3+): the table's config before its property, the source's config before its property", async () => {
    const dir = writeProject({
      'project.yml': 'name: fresh_config\n',
      'models/events.sql': 'select current_timestamp as loaded_at, 1 as no_time\n',
      'models/sources.yml': [
        'sources:',
        '  - name: raw',
        '    schema: main',
        '    loaded_at_field: no_such_column',
        '    config:',
        '      loaded_at_field: loaded_at',
        '      freshness:',
        '        warn_after: {count: 1, period: hour}',
        '    tables:',
        '      - name: events',
        '      - name: by_table_config',
        '        identifier: events',
        '        loaded_at_field: no_such_column',
        '        config:',
        '          loaded_at_field: loaded_at',
        '',
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    const run = await tsdbt(dir, 'source', 'freshness');
    expect(run.stdout).toMatch(/PASS freshness of raw\.events/);
    expect(run.stdout).toMatch(/PASS freshness of raw\.by_table_config/);
    expect(run.code).toBe(0);
  });

  test('project hooks run around the checks (dbt 1.9+), on-run-end reading freshness results; the project flag turns them off', async () => {
    const record = [
      '{% macro record() %}',
      '{% set rows = [] %}',
      '{% for r in results %}{% set d = r.to_dict() %}',
      '{% do rows.append("select \'" ~ d.node.unique_id ~ "\' as id, \'" ~ d.status ~ "\' as status, " ~ (d.age is number) ~ " as aged, "',
      "  ~ d.node.freshness.warn_after.count ~ ' as warn_count, ' ~ (d.max_loaded_at is not none) ~ ' as loaded') %}",
      '{% endfor %}',
      "{% do run_query('create or replace table main.checked as ' ~ rows | join(' union all ')) %}",
      '{% endmacro %}',
    ].join('\n');
    const files = {
      'macros/record.sql': record,
      'models/events.sql': 'select current_timestamp as loaded_at\n',
      'models/sources.yml': [
        'sources:',
        '  - name: raw',
        '    schema: main',
        '    tables:',
        '      - name: events',
        '        config:',
        '          loaded_at_field: loaded_at',
        '          freshness:',
        '            warn_after: {count: 3, period: hour}',
        '',
      ].join('\n'),
    };
    const project =
      'name: hooked\non-run-start:\n  - create or replace table main.started as select 1 as one\non-run-end:\n  - "{% if flags.WHICH == \'freshness\' %}{{ record() }}{% endif %}"\n';
    const dir = writeProject({ ...files, 'project.yml': project });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
    const run = await tsdbt(dir, 'source', 'freshness');
    expect(run.stdout).toContain('OK hook: hooked.on-run-start.0');
    expect(run.stdout).toContain('OK hook: hooked.on-run-end.0');
    expect(run.code).toBe(0);
    const checked = await tsdbt(dir, 'show', '--inline', 'select * from main.checked', '--output', 'json', '-q');
    expect(JSON.parse(checked.stdout).show).toEqual([{ id: 'source.hooked.raw.events', status: 'pass', aged: true, warn_count: 3, loaded: true }]);

    const off = writeProject({ ...files, 'project.yml': `${project}flags:\n  source_freshness_run_project_hooks: false\n` });
    expect((await tsdbt(off, 'run')).code).toBe(0);
    const quiet = await tsdbt(off, 'source', 'freshness');
    expect(quiet.stdout).toContain('PASS freshness of raw.events');
    expect(quiet.stdout).not.toContain('hook');
  });
});
