
with subscription_months as (
    select
        s.user_id,
        m.month,
        s.plan_type,
        s.start_date,
        s.subscription_id
    from "streamflix"."main"."int_subscriptions" as s
    inner join "streamflix"."main"."int_month_spine" as m
        on (s.start_date <= last_day(m.month) and (s.end_date is null or s.end_date > m.month))
)

select
    user_id,
    month,
    plan_type
from subscription_months
qualify row_number() over (partition by user_id, month order by start_date desc, subscription_id desc) = 1