/**
 * noop_statement: a statement's result stored without running anything (a materialization reporting its own status,
 * `noop_statement('main', 'INSERT 12')`).
 *
 * dbt's run_hooks: the hooks on one side of the transaction, each rendered just before it runs. Before the hooks that
 * run outside the transaction, dbt-adapters commits what the materialization left open (its `commit;` statement);
 * dbt-duckdb's version does not, as DuckDB opens no transaction of its own.
 */
export const MATERIALIZATION_MACROS = `
{% macro run_hooks(hooks, inside_transaction=True) %}
  {% for hook in hooks | selectattr('transaction', 'equalto', inside_transaction) %}
    {% if not inside_transaction and loop.first and adapter.type() != 'duckdb' %}{% do adapter.commit() %}{% endif %}
    {% set rendered = render(hook.get('sql')) | trim %}
    {% if (rendered | length) > 0 %}
      {% call statement(auto_begin=inside_transaction) %}{{ rendered }}{% endcall %}
    {% endif %}
  {% endfor %}
{% endmacro %}

{% macro noop_statement(name=none, message=none, code=none, rows_affected=none, res=none) -%}
  {%- set sql = caller() -%}
  {%- if name is not none -%}
    {{ store_raw_result(name, message=message, code=code, rows_affected=rows_affected, agate_table=res) }}
  {%- endif -%}
{%- endmacro %}
`;
