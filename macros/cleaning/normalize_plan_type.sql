{# 'basic', ' PRO', 'Premium ' -> Basic, Pro, Premium; anything else becomes NULL and fails the accepted_values test. #}
{% macro normalize_plan_type(column) -%}
case lower({{ clean_text(column) }})
    when 'basic' then 'Basic'
    when 'pro' then 'Pro'
    when 'premium' then 'Premium'
end
{%- endmacro %}
