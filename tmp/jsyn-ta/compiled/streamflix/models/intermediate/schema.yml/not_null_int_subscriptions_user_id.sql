select user_id
from "streamflix"."main"."int_subscriptions"
where user_id is null
