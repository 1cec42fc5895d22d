select subscription_id
from "streamflix"."main"."stg_payments"
where subscription_id is null
