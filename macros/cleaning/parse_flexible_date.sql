{# Dates arrive as 2024-03-07 or as US month/day/year 03/07/2024. #}
{% macro parse_flexible_date(column) -%}
case
    when {{ clean_text(column) }} like '%/%' then cast(strptime({{ clean_text(column) }}, '%m/%d/%Y') as date)
    else cast({{ clean_text(column) }} as date)
end
{%- endmacro %}
