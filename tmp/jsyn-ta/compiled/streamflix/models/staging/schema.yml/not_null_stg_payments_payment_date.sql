select payment_date
from "streamflix"."main"."stg_payments"
where payment_date is null
