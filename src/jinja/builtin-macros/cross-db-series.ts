import { dispatchedMacro } from './dispatch-wrapper';

/** generate_series and dbt-core's date_spine built on it (the spine stops before end_date). */
export const SERIES_MACROS = `
${dispatchedMacro('get_powers_of_two', 'upper_bound')}
{% macro default__get_powers_of_two(upper_bound) -%}
{%- if upper_bound <= 0 -%}{{ exceptions.raise_compiler_error("upper bound must be positive") }}{%- endif -%}
{%- for _ in range(1, 100) -%}
{%- if upper_bound <= 2 ** loop.index -%}{{ return(loop.index) }}{%- endif -%}
{%- endfor -%}
{%- endmacro %}

${dispatchedMacro('generate_series', 'upper_bound')}
{#- Portable form: the cross join of n two-row tables enumerates 2^n numbers, cut at the bound. -#}
{% macro default__generate_series(upper_bound) -%}
{%- set n = dbt.get_powers_of_two(upper_bound) -%}
with p as (
    select 0 as generated_number union all select 1
), unioned as (
    select
    {% for i in range(n) %}p{{ i }}.generated_number * power(2, {{ i }}){% if not loop.last %} + {% endif %}{% endfor %} + 1 as generated_number
    from {% for i in range(n) %}p as p{{ i }}{% if not loop.last %} cross join {% endif %}{% endfor %}
)
select * from unioned
where generated_number <= {{ upper_bound }}
order by generated_number
{%- endmacro %}
{% macro duckdb__generate_series(upper_bound) -%}
select generate_series as generated_number from generate_series(1, {{ upper_bound }})
{%- endmacro %}

{#- Asks the database how many periods lie between the bounds; while parsing there is no answer, and 1 stands in. -#}
${dispatchedMacro('get_intervals_between', 'start_date, end_date, datepart')}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
{%- call statement('get_intervals_between', fetch_result=True) -%}
select {{ dbt.datediff(start_date, end_date, datepart) }}
{%- endcall -%}
{%- set result = load_result('get_intervals_between') -%}
{%- if result and result['data'] -%}
{{ return((result['data'] | map(attribute=0) | list)[0]) }}
{%- else -%}
{{ return(1) }}
{%- endif -%}
{%- endmacro %}

${dispatchedMacro('date_spine', 'datepart, start_date, end_date')}
{% macro default__date_spine(datepart, start_date, end_date) -%}
with rawdata as (
    {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
),
all_periods as (
    select ({{ dbt.dateadd(datepart, 'row_number() over (order by generated_number) - 1', start_date) }}) as date_{{ datepart }}
    from rawdata
),
filtered as (
    select * from all_periods
    where date_{{ datepart }} <= {{ end_date }}
)
select * from filtered
{%- endmacro %}
`;
