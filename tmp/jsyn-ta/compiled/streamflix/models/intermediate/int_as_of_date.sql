
with as_of as (
    select max(p.payment_date) as as_of_date
from "streamflix"."main"."stg_payments" as p
inner join "streamflix"."main"."stg_subscriptions" as s on s.subscription_id = p.subscription_id
inner join "streamflix"."main"."stg_users" as u on u.user_id = s.user_id
where p.status = 'success'
)

select
    as_of_date,
    cast(date_trunc('month', as_of_date) as date) as report_month
from as_of