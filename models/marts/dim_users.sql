{# One row per real user: who they are, where they came from, where they stand on the as-of date
   and what they have paid so far. #}
with users as (
    select * from {{ ref('stg_users') }}
),

subscriptions as (
    select s.*, {{ is_active_on('a.as_of_date', 's.start_date', 's.end_date') }} as is_active_on_as_of_date
    from {{ ref('int_subscriptions') }} as s
    cross join {{ ref('int_as_of_date') }} as a
),

subscription_summary as (
    select
        user_id,
        min(start_date) as first_subscription_date,
        bool_or(is_active_on_as_of_date) as is_active
    from subscriptions
    group by user_id
),

current_plan as (
    {# the latest-started subscription active on the as-of date; failing that, the latest-started #}
    select user_id, plan_type
    from (
        select
            user_id,
            plan_type,
            row_number() over (
                partition by user_id
                order by is_active_on_as_of_date desc, start_date desc, subscription_id desc
            ) as rank_for_user
        from subscriptions
    ) as ranked
    where rank_for_user = 1
),

lifetime_revenue as (
    select
        user_id,
        sum(amount) as revenue,
        count(*) as payments
    from {{ ref('int_revenue_payments') }}
    group by user_id
)

select
    u.user_id,
    u.created_at,
    u.country,
    u.marketing_channel,
    s.first_subscription_date,
    c.plan_type as current_plan_type,
    case
        when s.is_active then 'active'
        when s.user_id is not null then 'cancelled'
        else 'never_subscribed'
    end as subscription_status,
    cast(coalesce(r.revenue, 0) as decimal(12, 2)) as lifetime_value,
    coalesce(r.payments, 0) as successful_payments
from users as u
left join subscription_summary as s on s.user_id = u.user_id
left join current_plan as c on c.user_id = u.user_id
left join lifetime_revenue as r on r.user_id = u.user_id
