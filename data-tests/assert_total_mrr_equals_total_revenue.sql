{# Every cent of revenue lands in exactly one fct_mrr row: returns a row when the totals differ. #}
with mrr as (
    select coalesce(sum(mrr), 0) as total from {{ ref('fct_mrr') }}
),

revenue as (
    select coalesce(sum(amount), 0) as total from {{ ref('int_revenue_payments') }}
)

select mrr.total as total_mrr, revenue.total as total_revenue
from mrr
cross join revenue
where mrr.total <> revenue.total
