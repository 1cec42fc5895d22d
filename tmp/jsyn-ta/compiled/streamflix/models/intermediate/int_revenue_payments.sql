
select
    p.payment_id,
    p.subscription_id,
    s.user_id,
    p.amount,
    p.payment_date,
    cast(date_trunc('month', p.payment_date) as date) as payment_month
from "streamflix"."main"."stg_payments" as p
inner join "streamflix"."main"."int_subscriptions" as s on s.subscription_id = p.subscription_id
where p.status = 'success'