select subscription_id
from "streamflix"."main"."stg_subscriptions"
where subscription_id is null
