import { FixtureProject, expectSuccess } from './fixture-run';

describe('compat-jinja: Jinja as dbt renders it', () => {
  const project = new FixtureProject('compat-jinja');
  let compiled: string;

  beforeAll(async () => {
    expectSuccess(await project.run('build', '--exclude', 'graph_probe'));
    compiled = project.read('target/compiled/compat_jinja/models/payments.sql');
  });

  test('columns generated from a {% set %} list, through macros calling macros, with whitespace control', () => {
    expect(compiled).toContain(
      'round(pay_gross_cents / 100.0, 2) as pay_gross,\n    round(pay_tax_cents / 100.0, 2) as pay_tax,\n    round(pay_net_cents / 100.0, 2) as pay_net,',
    );
    expect(compiled).toContain('    pay_gross_cents + pay_tax_cents + pay_net_cents as total_cents,');
    expect(compiled.startsWith('with raw as (')).toBe(true);
  });

  test('the built rows: ~ concatenation, filters before ~, an identifier glued to a macro output', async () => {
    const rows = await project.query('warehouse.duckdb', 'select * from main.payments order by payment_id');
    expect(rows).toEqual([
      { payment_id: 1, pay_gross: 12.5, pay_tax: 2.5, pay_net: 10, total_cents: 2500, label_v2: 'payment-1', concat_check: 'gross/3' },
      { payment_id: 2, pay_gross: 9.99, pay_tax: 0.99, pay_net: 9, total_cents: 1998, label_v2: 'payment-2', concat_check: 'gross/3' },
    ]);
  });

  test('model, this and run_started_at as dbt exposes them', async () => {
    const [probe] = await project.query('warehouse.duckdb', 'select * from main.context_probe');
    expect(probe).toMatchObject({
      model_name: 'context_probe',
      unique_id: 'model.compat_jinja.context_probe',
      materialized: 'table',
      payment_rows: 2n,
      this_identifier: 'context_probe',
    });
    // str(datetime) of an aware UTC datetime: a space, microseconds, and the +00:00 offset.
    expect(probe.started_text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(probe.started_iso).toBe(String(probe.started_text).replace(' ', 'T'));
    expect(probe.started_year).toBe(String(probe.started_text).slice(0, 4));
  });

  test('graph.nodes lists the project models at execute time', async () => {
    expectSuccess(await project.run('run', '--select', 'graph_probe'));
    const [probe] = await project.query('warehouse.duckdb', 'select * from main.graph_probe');
    expect(probe.models_in_graph).toBe('context_probe,graph_probe,payments');
  });
});
