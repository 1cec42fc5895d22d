
select
    marketing_channel,
    count(*) as users,
    count(*) filter (where successful_payments > 0) as paying_users,
    sum(lifetime_value) as total_revenue,
    round(sum(lifetime_value) / count(*), 2) as avg_ltv,
    round(sum(lifetime_value) / nullif(count(*) filter (where successful_payments > 0), 0), 2) as avg_ltv_per_paying_user
from "streamflix"."main"."dim_users"
group by marketing_channel
order by sum(lifetime_value) / count(*) desc, marketing_channel