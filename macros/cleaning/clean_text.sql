{# Trimmed text; empty text and the literal text NULL become SQL NULL. #}
{% macro clean_text(column) -%}
nullif(nullif(trim(cast({{ column }} as varchar)), ''), 'NULL')
{%- endmacro %}
