{#
  Churn rate for the report month and the two months before it, then the three together.
  starting = users active on the first day of the month; churned = those of them not active on
  its last day; churn_rate = churned / starting. The combined row has month NULL and divides the
  summed churned users by the summed starting users.
#}
with months as (
    select cast({{ dbt.dateadd('month', '-n', 'a.report_month') }} as date) as month
    from {{ ref('int_as_of_date') }} as a
    cross join generate_series(0, 2) as offsets(n)
),

user_months as (
    select
        m.month,
        s.user_id,
        bool_or({{ is_active_on('m.month', 's.start_date', 's.end_date') }}) as active_at_start,
        bool_or({{ is_active_on(dbt.last_day('m.month', 'month'), 's.start_date', 's.end_date') }}) as active_at_end
    from months as m
    cross join {{ ref('int_subscriptions') }} as s
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
    cast(churned_users as double precision) / nullif(users_at_start, 0) as churn_rate
from (select * from monthly union all select * from combined) as rates
order by month nulls last
