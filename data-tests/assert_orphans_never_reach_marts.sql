{# Returns revenue from orphan subscriptions or payments, which must stop at staging. #}
select p.payment_id
from {{ ref('int_revenue_payments') }} as p
left join {{ ref('stg_subscriptions') }} as s on s.subscription_id = p.subscription_id
left join {{ ref('stg_users') }} as u on u.user_id = s.user_id
where s.subscription_id is null or u.user_id is null
