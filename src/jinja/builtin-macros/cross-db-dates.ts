import { dispatchedMacro } from './dispatch-wrapper';

/** dbt's date macros, as dbt-core's defaults and dbt-duckdb's overrides render them for DuckDB. */
export const DATE_MACROS = `
${dispatchedMacro('date_trunc', 'datepart, date')}
{% macro default__date_trunc(datepart, date) -%}date_trunc('{{ datepart }}', {{ date }}){%- endmacro %}

${dispatchedMacro('dateadd', 'datepart, interval, from_date_or_timestamp')}
{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
{#- An interval literal times the count, so that the count may be any SQL expression. -#}
{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
{{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))
{%- endmacro %}

${dispatchedMacro('datediff', 'first_date, second_date, datepart')}
{% macro default__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}
{#-
  DuckDB's date_diff counts boundaries crossed, as Snowflake's datediff does, except for weeks: those start on Sunday
  (dow 0) here, so whole weeks are counted from the day difference and corrected by the weekday order.
-#}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
{%- if datepart == 'week' -%}
({{ datediff(first_date, second_date, 'day') }} // 7 + case
    when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then
        case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
    else
        case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
end)
{%- else -%}
(date_diff('{{ datepart }}', ({{ first_date }})::timestamp, ({{ second_date }})::timestamp))
{%- endif -%}
{%- endmacro %}

${dispatchedMacro('last_day', 'date, datepart')}
{% macro default_last_day(date, datepart) -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}
{% macro default__last_day(date, datepart) -%}{{ dbt.default_last_day(date, datepart) }}{%- endmacro %}
{#- interval '1 quarter' is not valid DuckDB: a quarter is added as three months. -#}
{% macro duckdb__last_day(date, datepart) -%}
{%- if datepart == 'quarter' -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }} as date)
{%- else -%}
{{ dbt.default_last_day(date, datepart) }}
{%- endif -%}
{%- endmacro %}

${dispatchedMacro('date', 'year, month, day')}
{% macro default__date(year, month, day) -%}
{%- set iso_date = modules.datetime.date(year, month, day).strftime('%Y-%m-%d') -%}
to_date('{{ iso_date }}', 'YYYY-MM-DD')
{%- endmacro %}
{% macro duckdb__date(year, month, day) -%}make_date({{ year }}, {{ month }}, {{ day }}){%- endmacro %}

${dispatchedMacro('current_timestamp', '')}
{% macro default__current_timestamp() -%}
{{ exceptions.raise_not_implemented('current_timestamp macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}
{% macro duckdb__current_timestamp() -%}now(){%- endmacro %}

${dispatchedMacro('current_timestamp_backcompat', '')}
{% macro default__current_timestamp_backcompat() -%}current_timestamp::{{ dbt.type_timestamp() }}{%- endmacro %}
${dispatchedMacro('current_timestamp_in_utc_backcompat', '')}
{% macro default__current_timestamp_in_utc_backcompat() -%}{{ return(dbt.current_timestamp_backcompat()) }}{%- endmacro %}
`;
