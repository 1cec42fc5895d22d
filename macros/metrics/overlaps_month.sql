{# A subscription is active on at least one day of the month starting on `month_start`. #}
{% macro overlaps_month(month_start, start_date='start_date', end_date='end_date') -%}
({{ start_date }} <= {{ dbt.last_day(month_start, 'month') }} and ({{ end_date }} is null or {{ end_date }} > {{ month_start }}))
{%- endmacro %}
