{# True when the whole of `value` matches `pattern` (a SQL string): DuckDB's regexp_full_match, Postgres' anchored ~. #}
{% macro regex_full_match(value, pattern) -%}
{{ return(adapter.dispatch('regex_full_match')(value, pattern)) }}
{%- endmacro %}

{% macro duckdb__regex_full_match(value, pattern) -%}
regexp_full_match({{ value }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__regex_full_match(value, pattern) -%}
({{ value }} ~ ('^(?:' || {{ pattern }} || ')$'))
{%- endmacro %}
