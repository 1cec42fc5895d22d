import { render, compile } from './render-helper';

const MODEL = `{% set cols = ['id', 'name', 'amount'] %}
{% macro col_list(xs, prefix='') %}{% for c in xs if c != 'skip' %}{{ prefix ~ c }}{{ ', ' if not loop.last }}{% endfor %}{% endmacro %}
select {{ col_list(cols, prefix='o.') }},
  {{ '%s_%s' % (name.upper(), cfg.get('suffix', 'x')) }} as label
from {{ source_table }} as o
{% if cfg.get('where') %}where {{ cfg['where'] | trim }}{% endif %}
`;

describe('performance', () => {
  test('rendering a compiled template stays in the microseconds', () => {
    const template = compile(MODEL);
    const context = { name: 'orders', cfg: { where: ' amount > 0 ' }, source_table: 'main.raw_orders' };
    expect(template.render(context)).toBe(render(MODEL, context));
    for (let i = 0; i < 1000; i++) template.render(context);
    const renders = 10_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < renders; i++) template.render(context);
    const microsPerRender = Number(process.hrtime.bigint() - started) / 1000 / renders;
    console.log(`jinja compat: ${microsPerRender.toFixed(2)} µs per render (${renders} renders)`);
    expect(microsPerRender).toBeLessThan(150);
  });
});
