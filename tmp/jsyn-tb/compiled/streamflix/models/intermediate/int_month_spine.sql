
with bounds as (
    select
        cast(date_trunc('month', min(s.start_date)) as timestamp) as first_month,
        cast(a.report_month as timestamp) as report_month
    from "streamflix"."main"."int_subscriptions" as s
    cross join "streamflix"."main"."int_as_of_date" as a
    group by a.report_month
),

months as (
    select unnest(generate_series(first_month, report_month, interval 1 month)) as month
    from bounds
)

select cast(month as date) as month
from months