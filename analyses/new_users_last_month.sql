{#
  New users in the last month of the data: the report month (the month of the as-of date), so the
  answer does not depend on the day the query is run.
#}
select
    a.report_month as month,
    count(u.user_id) as new_users
from {{ ref('int_as_of_date') }} as a
left join {{ ref('dim_users') }} as u
    on cast(date_trunc('month', u.created_at) as date) = a.report_month
group by a.report_month
