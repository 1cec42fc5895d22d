{# A subscription gives access on `day` when it has started and not yet ended. #}
{% macro is_active_on(day, start_date='start_date', end_date='end_date') -%}
({{ start_date }} <= {{ day }} and ({{ end_date }} is null or {{ end_date }} > {{ day }}))
{%- endmacro %}
