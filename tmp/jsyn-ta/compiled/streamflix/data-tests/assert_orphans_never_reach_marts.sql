
select p.payment_id
from "streamflix"."main"."int_revenue_payments" as p
left join "streamflix"."main"."stg_subscriptions" as s on s.subscription_id = p.subscription_id
left join "streamflix"."main"."stg_users" as u on u.user_id = s.user_id
where s.subscription_id is null or u.user_id is null