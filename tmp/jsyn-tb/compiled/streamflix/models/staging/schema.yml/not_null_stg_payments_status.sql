select status
from "streamflix"."main"."stg_payments"
where status is null
