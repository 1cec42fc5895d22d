select subscription_status
from "streamflix"."main"."dim_users"
where subscription_status is null
