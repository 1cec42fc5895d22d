{# ISO-3166 alpha-2 codes in upper case; a missing country stays NULL. #}
{% macro normalize_country(column) -%}
upper({{ clean_text(column) }})
{%- endmacro %}
