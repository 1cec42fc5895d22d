{# '9.99', '$9.99', ' 9.99 ' -> 9.99 as DECIMAL(10,2). #}
{% macro parse_amount(column) -%}
cast(replace(replace({{ clean_text(column) }}, '$', ''), ' ', '') as decimal(10, 2))
{%- endmacro %}
