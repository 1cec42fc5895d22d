select payment_id
from "streamflix"."main"."int_revenue_payments"
where payment_id is null
