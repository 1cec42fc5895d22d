{# UTC instants arrive as '2023-04-05 13:45:10', '2023-04-05T13:45:10Z' or Unix epoch seconds. #}
{% macro parse_flexible_timestamp(column) -%}
{{ return(adapter.dispatch('parse_flexible_timestamp')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_flexible_timestamp(column) -%}
case
    when {{ regex_full_match(clean_text(column), "'[0-9]+'") }}
        then make_timestamp(cast({{ clean_text(column) }} as bigint) * 1000000)
    when {{ clean_text(column) }} like '%T%Z'
        then strptime({{ clean_text(column) }}, '%Y-%m-%dT%H:%M:%SZ')
    else strptime({{ clean_text(column) }}, '%Y-%m-%d %H:%M:%S')
end
{%- endmacro %}

{# A timestamp without time zone ignores the trailing Z; epoch seconds are read as UTC whatever the session's zone. #}
{% macro postgres__parse_flexible_timestamp(column) -%}
case
    when {{ regex_full_match(clean_text(column), "'[0-9]+'") }}
        then to_timestamp(cast({{ clean_text(column) }} as bigint)) at time zone 'UTC'
    else cast({{ clean_text(column) }} as timestamp)
end
{%- endmacro %}
