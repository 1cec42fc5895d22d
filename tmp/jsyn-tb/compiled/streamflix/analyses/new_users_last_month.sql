
select
    a.report_month as month,
    count(u.user_id) as new_users
from "streamflix"."main"."int_as_of_date" as a
left join "streamflix"."main"."dim_users" as u
    on cast(date_trunc('month', u.created_at) as date) = a.report_month
group by a.report_month