{#
  The as-of date: the latest successful payment whose subscription belongs to a real user.
  A query rather than a model so that stg_subscriptions (which needs it for its status) and
  int_as_of_date share one definition without a dependency cycle.
#}
{% macro as_of_date_query(payments, subscriptions, users) -%}
select max(p.payment_date) as as_of_date
from {{ payments }} as p
inner join {{ subscriptions }} as s on s.subscription_id = p.subscription_id
inner join {{ users }} as u on u.user_id = s.user_id
where p.status = 'success'
{%- endmacro %}
