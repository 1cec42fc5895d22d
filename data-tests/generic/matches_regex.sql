{# Fails for every non-null value of the column that does not match the whole pattern. #}
{% test matches_regex(model, column_name, pattern) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
    and not {{ regex_full_match(column_name, "'" ~ pattern ~ "'") }}
{% endtest %}
