{# 'Success', 'FAILED' -> success, failed. #}
{% macro normalize_payment_status(column) -%}
lower({{ clean_text(column) }})
{%- endmacro %}
