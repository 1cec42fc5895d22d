/**
 * materialization_table_default / materialization_view_default: see below.
 *
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

{#- Replace the relation atomically: built under __dbt_tmp, the old one moved aside to __dbt_backup, renamed in. -#}
{% macro replace_relation_in_transaction(target_relation, create_sql_for) %}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
  {%- set backup_relation = make_backup_relation(target_relation, 'table' if existing_relation is none else existing_relation.type) -%}
  {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
  {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {% call statement('main') -%}{{ create_sql_for(intermediate_relation) }}{%- endcall %}
  {% if existing_relation is not none %}{{ adapter.rename_relation(existing_relation, backup_relation) }}{% endif %}
  {{ adapter.rename_relation(intermediate_relation, target_relation) }}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do persist_docs(target_relation, model) %}
  {{ adapter.commit() }}
  {{ drop_relation_if_exists(backup_relation) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{% endmacro %}

{#- dbt's table and view materializations as Jinja, for materializations that wrap them
    (return(materialization_table_default())); tsdbt's own models are built natively. -#}
{% materialization table, default %}
  {% macro create_table(relation) %}{{ get_create_table_as_sql(False, relation, sql) }}{% endmacro %}
  {{ return(replace_relation_in_transaction(this.incorporate(type='table'), create_table)) }}
{% endmaterialization %}

{% materialization view, default %}
  {% macro create_view(relation) %}{{ get_create_view_as_sql(relation, sql) }}{% endmacro %}
  {{ return(replace_relation_in_transaction(this.incorporate(type='view'), create_view)) }}
{% endmaterialization %}
`;
