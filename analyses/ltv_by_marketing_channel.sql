{#
  Average lifetime value per acquired user, by marketing channel. avg_ltv counts every user of the
  channel, including those who never paid; avg_ltv_per_paying_user only those with a successful
  payment. The first row answers "which channel has the highest average LTV".
#}
select
    marketing_channel,
    count(*) as users,
    count(*) filter (where successful_payments > 0) as paying_users,
    sum(lifetime_value) as total_revenue,
    round(sum(lifetime_value) / count(*), 2) as avg_ltv,
    round(sum(lifetime_value) / nullif(count(*) filter (where successful_payments > 0), 0), 2) as avg_ltv_per_paying_user
from {{ ref('dim_users') }}
group by marketing_channel
order by sum(lifetime_value) / count(*) desc, marketing_channel
