/**
 * dbt's run_hooks: the hooks on one side of the transaction, each rendered just before it runs. Hooks outside the
 * transaction first commit whatever the materialization has open, as dbt's `commit;` statement does.
 */
export const MATERIALIZATION_MACROS = `
{% macro run_hooks(hooks, inside_transaction=True) %}
  {% for hook in hooks if hook.transaction == inside_transaction %}
    {% if not inside_transaction and loop.first %}{% do adapter.commit() %}{% endif %}
    {% set rendered = render(hook.sql) | trim %}
    {% if (rendered | length) > 0 %}
      {% call statement(auto_begin=inside_transaction) %}{{ rendered }}{% endcall %}
    {% endif %}
  {% endfor %}
{% endmacro %}
`;
