{# Revenue: successful payments of subscriptions that count, tagged with their user and month. #}
select
    p.payment_id,
    p.subscription_id,
    s.user_id,
    p.amount,
    p.payment_date,
    cast(date_trunc('month', p.payment_date) as date) as payment_month
from {{ ref('stg_payments') }} as p
inner join {{ ref('int_subscriptions') }} as s on s.subscription_id = p.subscription_id
where p.status = 'success'
