{# One row per user and month in which the user is active on at least one day, with the plan of the
   latest-started subscription active that month (ties broken by the higher subscription_id). #}
with subscription_months as (
    select
        s.user_id,
        m.month,
        s.plan_type,
        s.start_date,
        s.subscription_id
    from {{ ref('int_subscriptions') }} as s
    inner join {{ ref('int_month_spine') }} as m
        on {{ overlaps_month('m.month', 's.start_date', 's.end_date') }}
),

ranked as (
    select
        user_id,
        month,
        plan_type,
        row_number() over (partition by user_id, month order by start_date desc, subscription_id desc) as rank_in_month
    from subscription_months
)

select
    user_id,
    month,
    plan_type
from ranked
where rank_in_month = 1
