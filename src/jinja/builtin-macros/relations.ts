import { dispatchedMacro } from './dispatch-wrapper';

/*
 * The relation and DDL helpers of dbt's global project that packages call (`dbt.make_temp_relation`,
 * `dbt.get_create_table_as_sql`, `dbt.get_merge_sql`, ...), in dbt-duckdb's SQL. tsdbt's own materializations do not
 * go through them; they exist for macros and materializations written against dbt.
 */
export const RELATION_MACROS = `
{#- A DuckDB temporary table lives in the temp catalog: no database or schema, and a unique name per call. -#}
{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
{{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix ~ py_current_timestring(), "schema": none, "database": none})) }}
{%- endmacro %}

{% macro py_current_timestring() -%}
{{ return(modules.datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")) }}
{%- endmacro %}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
{{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix})) }}
{%- endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
{{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix}, type=backup_relation_type)) }}
{%- endmacro %}

{% macro create_schema(relation) -%}
{% call statement('create_schema') -%}create schema if not exists {{ relation.without_identifier() }}{%- endcall %}
{%- endmacro %}

{% macro drop_schema(relation) -%}
{% call statement('drop_schema') -%}drop schema if exists {{ relation.without_identifier() }} cascade{%- endcall %}
{%- endmacro %}

{% macro drop_relation(relation) -%}
{% call statement('drop_relation', auto_begin=False) -%}drop {{ relation.type or 'table' }} if exists {{ relation }} cascade{%- endcall %}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
{% if relation is not none %}{{ drop_relation(relation) }}{% endif %}
{%- endmacro %}

{% macro truncate_relation(relation) -%}
{% call statement('truncate_relation') -%}delete from {{ relation }}{%- endcall %}
{%- endmacro %}

{% macro rename_relation(from_relation, to_relation) -%}
{% call statement('rename_relation') -%}alter {{ from_relation.type or 'table' }} {{ from_relation }} rename to {{ to_relation.identifier }}{%- endcall %}
{%- endmacro %}

{% macro get_create_table_as_sql(temporary, relation, sql) -%}
{{ return(create_table_as(temporary, relation, sql)) }}
{%- endmacro %}

${dispatchedMacro('create_table_as', "temporary, relation, compiled_code, language='sql'")}
{% macro default__create_table_as(temporary, relation, compiled_code, language='sql') -%}
create {% if temporary %}temporary {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }} as (
{{ compiled_code }}
)
{%- endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
{{ return(create_view_as(relation, sql)) }}
{%- endmacro %}

${dispatchedMacro('create_view_as', 'relation, sql')}
{% macro default__create_view_as(relation, sql) -%}
create view {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{#- The relation when it exists, with a flag saying so; otherwise a new one of the given type. -#}
${dispatchedMacro('get_or_create_relation', 'database, schema, identifier, type')}
{% macro default__get_or_create_relation(database, schema, identifier, type) -%}
{%- set found = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
{%- if found -%}{{ return([true, found]) }}{%- endif -%}
{{ return([false, api.Relation.create(database=database, schema=schema, identifier=identifier, type=type)]) }}
{%- endmacro %}

{% macro get_quoted_csv(column_names) -%}
{%- set quoted = [] -%}
{%- for col in column_names -%}{%- do quoted.append(adapter.quote(col)) -%}{%- endfor -%}
{{ return(quoted | join(', ')) }}
{%- endmacro %}

{% macro get_columns_in_query(select_sql) -%}
{%- set result = run_query('select * from (' ~ select_sql ~ ') as __dbt_sbq where false limit 0') -%}
{{ return(result.column_names if result is not none else []) }}
{%- endmacro %}

{% macro should_full_refresh() -%}
{%- set configured = config.get('full_refresh') -%}
{{ return(flags.FULL_REFRESH if configured is none else configured) }}
{%- endmacro %}

{% macro get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
{{ return(adapter.dispatch('get_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates)) }}
{%- endmacro %}
{% macro default__get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
{%- set predicates = [] if incremental_predicates is none else [] + incremental_predicates -%}
{%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
{%- if unique_key -%}
{%- for key in ([unique_key] if unique_key is string else unique_key) -%}
{%- do predicates.append('DBT_INTERNAL_SOURCE.' ~ key ~ ' = DBT_INTERNAL_DEST.' ~ key) -%}
{%- endfor -%}
{%- else -%}
{%- do predicates.append('FALSE') -%}
{%- endif -%}
merge into {{ target }} as DBT_INTERNAL_DEST
using {{ source }} as DBT_INTERNAL_SOURCE
on {{ '(' ~ predicates | join(') and (') ~ ')' }}
{% if unique_key %}
when matched then update set
{% for column in dest_columns -%}
{{ adapter.quote(column.name) }} = DBT_INTERNAL_SOURCE.{{ adapter.quote(column.name) }}{% if not loop.last %}, {% endif %}
{%- endfor %}
{% endif %}
when not matched then insert ({{ dest_cols_csv }})
values ({{ dest_cols_csv }})
{%- endmacro %}

{% macro get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
{%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
{%- if unique_key -%}
{%- set keys = [unique_key] if unique_key is string else unique_key -%}
delete from {{ target }} as DBT_INTERNAL_DEST
where ({{ keys | join(', ') }}) in (select distinct {{ keys | join(', ') }} from {{ source }} as DBT_INTERNAL_SOURCE)
{%- if incremental_predicates %} and {{ incremental_predicates | join(' and ') }}{% endif %};
{% endif -%}
insert into {{ target }} ({{ dest_cols_csv }})
select {{ dest_cols_csv }} from {{ source }}
{%- endmacro %}
`;
