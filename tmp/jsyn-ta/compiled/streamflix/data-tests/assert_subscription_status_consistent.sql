
with report_month_rows as (
    select f.user_id
    from "streamflix"."main"."fct_mrr" as f
    inner join "streamflix"."main"."int_as_of_date" as a on f.month = a.report_month
    where f.change_category <> 'churn'
),

mrr_users as (
    select distinct user_id from "streamflix"."main"."fct_mrr"
)

select u.user_id, u.subscription_status
from "streamflix"."main"."dim_users" as u
where (
        u.subscription_status = 'never_subscribed'
        and (
            u.first_subscription_date is not null
            or u.current_plan_type is not null
            or u.lifetime_value <> 0
            or u.user_id in (select user_id from mrr_users)
        )
    )
    or (
        u.subscription_status = 'active'
        and (u.current_plan_type is null or u.user_id not in (select user_id from report_month_rows))
    )