select user_id
from "streamflix"."main"."int_revenue_payments"
where user_id is null
