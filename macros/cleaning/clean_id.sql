{# Identifiers arrive as text (seeds load as varchar); staging owns the cast to a number. #}
{% macro clean_id(column) -%}
cast({{ clean_text(column) }} as bigint)
{%- endmacro %}
