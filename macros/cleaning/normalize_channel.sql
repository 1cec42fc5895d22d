{# 'Google Ads', 'google-ads', ' GOOGLE_ADS' -> google_ads; a missing channel is 'unknown'. #}
{% macro normalize_channel(column) -%}
coalesce(regexp_replace(lower({{ clean_text(column) }}), '[ _-]+', '_', 'g'), 'unknown')
{%- endmacro %}
