import { dispatchedMacro } from './dispatch-wrapper';

/** Aggregates, set operators, arrays, null-safe equality and the test `where` filter, as dbt renders them on DuckDB. */
export const MISC_MACROS = `
${dispatchedMacro('any_value', 'expression')}
{% macro default__any_value(expression) -%}any_value({{ expression }}){%- endmacro %}
{% macro duckdb__any_value(expression) -%}arbitrary({{ expression }}){%- endmacro %}

${dispatchedMacro('bool_or', 'expression')}
{% macro default__bool_or(expression) -%}bool_or({{ expression }}){%- endmacro %}

${dispatchedMacro('except', '')}
{% macro default__except() -%}except{%- endmacro %}

${dispatchedMacro('intersect', '')}
{% macro default__intersect() -%}intersect{%- endmacro %}

{#- An empty array needs its element type, which defaults to the adapter's integer type. -#}
{% macro array_construct(inputs=[], data_type=none) -%}
{{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type if data_type is not none else dbt.type_int())) }}
{%- endmacro %}
{% macro default__array_construct(inputs, data_type) -%}
{%- if inputs | length > 0 -%}array[ {{ inputs | join(' , ') }} ]{%- else -%}array[]::{{ data_type }}[]{%- endif -%}
{%- endmacro %}

${dispatchedMacro('array_append', 'array, new_element')}
{% macro default__array_append(array, new_element) -%}array_append({{ array }}, {{ new_element }}){%- endmacro %}

${dispatchedMacro('array_concat', 'array_1, array_2')}
{% macro default__array_concat(array_1, array_2) -%}array_cat({{ array_1 }}, {{ array_2 }}){%- endmacro %}

{#- dbt 1.10 renders plain '=' unless the enable_truthy_nulls_equals_macro behaviour flag is on (it is off by default). -#}
${dispatchedMacro('equals', 'expr1, expr2')}
{% macro default__equals(expr1, expr2) -%}({{ expr1 }} = {{ expr2 }}){%- endmacro %}

${dispatchedMacro('get_where_subquery', 'relation')}
{% macro default__get_where_subquery(relation) -%}
{%- set where = config.get('where', '') -%}
{%- if where -%}
{{ return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') }}
{%- else -%}
{{ return(relation) }}
{%- endif -%}
{%- endmacro %}
`;
