{# Every calendar month from the first subscription that counts through the report month. #}
with bounds as (
    select
        cast(date_trunc('month', min(s.start_date)) as timestamp) as first_month,
        cast(a.report_month as timestamp) as report_month
    from {{ ref('int_subscriptions') }} as s
    cross join {{ ref('int_as_of_date') }} as a
    group by a.report_month
),

months as (
    select {{ month_series('first_month', 'report_month') }} as month
    from bounds
)

select cast(month as date) as month
from months
