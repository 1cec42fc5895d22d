
with months as (
    select cast(a.report_month - to_months(n) as date) as month
    from "streamflix"."main"."int_as_of_date" as a
    cross join range(0, 3) as offsets(n)
),

user_months as (
    select
        m.month,
        s.user_id,
        bool_or((s.start_date <= m.month and (s.end_date is null or s.end_date > m.month))) as active_at_start,
        bool_or((s.start_date <= last_day(m.month) and (s.end_date is null or s.end_date > last_day(m.month)))) as active_at_end
    from months as m
    cross join "streamflix"."main"."int_subscriptions" as s
    group by m.month, s.user_id
),

monthly as (
    select
        m.month,
        cast(count(u.user_id) filter (where u.active_at_start) as bigint) as users_at_start,
        cast(count(u.user_id) filter (where u.active_at_start and not u.active_at_end) as bigint) as churned_users
    from months as m
    left join user_months as u on u.month = m.month
    group by m.month
),

combined as (
    select
        cast(null as date) as month,
        cast(sum(users_at_start) as bigint) as users_at_start,
        cast(sum(churned_users) as bigint) as churned_users
    from monthly
)

select
    month,
    users_at_start,
    churned_users,
    churned_users / nullif(users_at_start, 0) as churn_rate
from (select * from monthly union all select * from combined) as rates
order by month nulls last