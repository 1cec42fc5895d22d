{# Dates arrive as 2024-03-07 or as US month/day/year 03/07/2024. #}
{% macro parse_flexible_date(column) -%}
{{ return(adapter.dispatch('parse_flexible_date')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_flexible_date(column) -%}
case
    when {{ clean_text(column) }} like '%/%' then cast(strptime({{ clean_text(column) }}, '%m/%d/%Y') as date)
    else cast({{ clean_text(column) }} as date)
end
{%- endmacro %}

{% macro postgres__parse_flexible_date(column) -%}
case
    when {{ clean_text(column) }} like '%/%' then to_date({{ clean_text(column) }}, 'MM/DD/YYYY')
    else cast({{ clean_text(column) }} as date)
end
{%- endmacro %}
