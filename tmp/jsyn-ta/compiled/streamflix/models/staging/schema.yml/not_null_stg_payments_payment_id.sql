select payment_id
from "streamflix"."main"."stg_payments"
where payment_id is null
