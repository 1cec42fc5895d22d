{# One row per month start from `first_month` through `last_month` (timestamps), as a select-list expression. #}
{% macro month_series(first_month, last_month) -%}
{{ return(adapter.dispatch('month_series')(first_month, last_month)) }}
{%- endmacro %}

{# DuckDB's generate_series returns a list. #}
{% macro duckdb__month_series(first_month, last_month) -%}
unnest(generate_series({{ first_month }}, {{ last_month }}, interval '1 month'))
{%- endmacro %}

{# Postgres' generate_series returns a set of rows. #}
{% macro postgres__month_series(first_month, last_month) -%}
generate_series({{ first_month }}, {{ last_month }}, interval '1 month')
{%- endmacro %}
