import { dispatchedMacro } from './dispatch-wrapper';

/** dbt's string macros, as dbt-core's defaults and dbt-duckdb's overrides render them for DuckDB. */
export const STRING_MACROS = `
${dispatchedMacro('concat', 'fields')}
{% macro default__concat(fields) -%}{{ fields | join(' || ') }}{%- endmacro %}

${dispatchedMacro('hash', 'field')}
{% macro default__hash(field) -%}md5(cast({{ field }} as {{ dbt.type_string() }})){%- endmacro %}

${dispatchedMacro('split_part', 'string_text, delimiter_text, part_number')}
{% macro default__split_part(string_text, delimiter_text, part_number) -%}
split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}
{#-
  DuckDB's string_split gives a list; an index past its end is null, which split_part reports as ''. A negative part
  counts from the end: it becomes the position from the start by counting the delimiters.
-#}
{% macro duckdb__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number >= 0 -%}
coalesce(string_split({{ string_text }}, {{ delimiter_text }})[{{ part_number }}], '')
{%- else -%}
split_part({{ string_text }}, {{ delimiter_text }}, length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 2 + {{ part_number }})
{%- endif -%}
{%- endmacro %}

{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
{{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}
{#- DuckDB's string_agg takes no limit: aggregate to a list, slice it, then join the slice. -#}
{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
list_aggr((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], 'string_agg', {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

${dispatchedMacro('string_literal', 'value')}
{% macro default__string_literal(value) -%}'{{ value }}'{%- endmacro %}

${dispatchedMacro('escape_single_quotes', 'expression')}
{% macro default__escape_single_quotes(expression) -%}{{ expression | replace("'", "''") }}{%- endmacro %}

${dispatchedMacro('replace', 'field, old_chars, new_chars')}
{% macro default__replace(field, old_chars, new_chars) -%}replace({{ field }}, {{ old_chars }}, {{ new_chars }}){%- endmacro %}

${dispatchedMacro('length', 'expression')}
{% macro default__length(expression) -%}length({{ expression }}){%- endmacro %}

${dispatchedMacro('position', 'substring_text, string_text')}
{% macro default__position(substring_text, string_text) -%}position({{ substring_text }} in {{ string_text }}){%- endmacro %}

${dispatchedMacro('right', 'string_text, length_expression')}
{% macro default__right(string_text, length_expression) -%}right({{ string_text }}, {{ length_expression }}){%- endmacro %}

${dispatchedMacro('cast_bool_to_text', 'field')}
{% macro default__cast_bool_to_text(field) -%}cast({{ field }} as {{ dbt.type_string() }}){%- endmacro %}

{#- dbt-core renders safe_cast as a plain cast unless the adapter overrides it; dbt-duckdb does not. -#}
${dispatchedMacro('safe_cast', 'field, type')}
{% macro default__safe_cast(field, type) -%}cast({{ field }} as {{ type }}){%- endmacro %}

${dispatchedMacro('cast', 'field, type')}
{% macro default__cast(field, type) -%}cast({{ field }} as {{ type }}){%- endmacro %}
`;
