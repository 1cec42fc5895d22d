/**
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
`;
