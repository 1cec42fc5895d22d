
with mrr as (
    select coalesce(sum(mrr), 0) as total from "streamflix"."main"."fct_mrr"
),

revenue as (
    select coalesce(sum(amount), 0) as total from "streamflix"."main"."int_revenue_payments"
)

select mrr.total as total_mrr, revenue.total as total_revenue
from mrr
cross join revenue
where mrr.total <> revenue.total