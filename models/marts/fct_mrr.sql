{#
  One row per user per month while the user is active, plus a churn row (mrr 0) for the month
  right after each run of active months, unless that month is after the report month.
#}
with active_months as (
    select
        user_id,
        month,
        plan_type,
        lag(month) over (partition by user_id order by month) as previous_active_month,
        lead(month) over (partition by user_id order by month) as next_active_month,
        cast(month - interval '1 month' as date) as prior_month,
        cast(month + interval '1 month' as date) as following_month
    from {{ ref('int_user_active_months') }}
),

active_rows as (
    select
        month,
        user_id,
        plan_type,
        case
            when previous_active_month is null then 'new'
            when previous_active_month <> prior_month then 'reactivation'
        end as lifecycle_category
    from active_months
),

churn_rows as (
    select
        a.following_month as month,
        a.user_id,
        cast(null as varchar) as plan_type,
        'churn' as lifecycle_category
    from active_months as a
    cross join {{ ref('int_as_of_date') }} as d
    where (a.next_active_month is null or a.next_active_month <> a.following_month)
        and a.following_month <= d.report_month
),

monthly_revenue as (
    select
        user_id,
        payment_month as month,
        sum(amount) as revenue
    from {{ ref('int_revenue_payments') }}
    group by user_id, payment_month
),

user_months as (
    select
        r.month,
        r.user_id,
        r.plan_type,
        r.lifecycle_category,
        cast(coalesce(m.revenue, 0) as decimal(12, 2)) as mrr
    from (select * from active_rows union all select * from churn_rows) as r
    left join monthly_revenue as m on m.user_id = r.user_id and m.month = r.month
),

with_previous as (
    select
        *,
        case
            when lag(month) over (partition by user_id order by month) = cast(month - interval '1 month' as date)
                then lag(mrr) over (partition by user_id order by month)
            else 0
        end as previous_month_mrr
    from user_months
)

select
    md5(concat_ws('-', user_id, month)) as mrr_id,
    month,
    user_id,
    plan_type,
    mrr,
    cast(previous_month_mrr as decimal(12, 2)) as previous_mrr,
    cast(mrr - previous_month_mrr as decimal(12, 2)) as mrr_change,
    coalesce(
        lifecycle_category,
        case
            when mrr > previous_month_mrr then 'expansion'
            when mrr < previous_month_mrr then 'contraction'
            else 'retained'
        end
    ) as change_category
from with_previous
