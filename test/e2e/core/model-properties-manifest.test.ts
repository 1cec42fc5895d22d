import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

describe('model properties dbt keeps in the manifest and in graph.nodes', () => {
  test('constraints (column and model level), column quote and granularity, time_spine, the inferred primary_key', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: proj\nprofile: proj\n',
      'models/all_days.sql': "select date '2020-01-01' as date_day",
      'models/orders.sql': 'select 1 as id, 2 as customer_id',
      'models/props.yml': [
        'version: 2',
        'models:',
        '  - name: all_days',
        '    time_spine:',
        '      standard_granularity_column: date_day',
        '      custom_granularities:',
        '        - name: fiscal_year',
        '    columns:',
        '      - name: date_day',
        '        granularity: day',
        '        data_tests: [unique, not_null]',
        '  - name: orders',
        '    constraints:',
        '      - type: primary_key',
        '        columns: [id]',
        '    columns:',
        '      - name: id',
        '        quote: true',
        '        constraints:',
        '          - type: not_null',
        '      - name: customer_id',
      ].join('\n'),
      // What a package reading the graph does: the models that are time spines, the columns with a not_null constraint.
      'models/report.sql': [
        'select 1 as id -- {% if execute %}',
        "{{- graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | rejectattr('time_spine', 'none') | map(attribute='name') | join(',') }}|",
        "{%- for c in graph.nodes['model.proj.orders'].columns.values() %}{{ c.name }}:{{ c.constraints | selectattr('type', 'equalto', 'not_null') | list | length }},{% endfor %}",
        '{%- endif %}',
      ].join('\n'),
    });
    expect((await tsdbt(dir, 'parse')).stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    const spine = manifest.nodes['model.proj.all_days'];
    expect(spine.time_spine).toEqual({ standard_granularity_column: 'date_day', custom_granularities: [{ name: 'fiscal_year', column_name: null }] });
    expect(spine.columns.date_day.granularity).toBe('day');
    expect(spine.primary_key).toEqual(['date_day']);
    const orders = manifest.nodes['model.proj.orders'];
    expect(orders.time_spine).toBeNull();
    expect(orders.primary_key).toEqual(['id']);
    const defaults = { name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] };
    expect(orders.constraints).toEqual([{ type: 'primary_key', ...defaults, columns: ['id'] }]);
    expect(orders.columns.id.constraints).toEqual([{ type: 'not_null', ...defaults }]);
    expect(orders.columns.id.quote).toBe(true);
    expect(orders.columns.customer_id.constraints).toEqual([]);
    expect((await tsdbt(dir, 'compile', '-s', 'report')).code).toBe(0);
    const compiled = readFileSync(path.join(dir, 'target', 'compiled', 'proj', 'models', 'report.sql'), 'utf8');
    expect(compiled.split(' -- ')[1].trim()).toBe('all_days|id:1,customer_id:0,');
  });

  test('a constraint without a type is an error naming the file and line', async () => {
    const dir = writeProject({
      'dbt_project.yml': 'name: proj\nprofile: proj\n',
      'models/orders.sql': 'select 1 as id',
      'models/props.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        constraints:\n          - expression: id > 0\n',
    });
    const run = await tsdbt(dir, 'parse');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/each constraint needs a `type:`/);
    expect(run.stderr).toMatch(/models\/props\.yml:7/);
  });
});
