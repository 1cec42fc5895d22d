select subscription_id
from "streamflix"."main"."int_subscriptions"
where subscription_id is null
