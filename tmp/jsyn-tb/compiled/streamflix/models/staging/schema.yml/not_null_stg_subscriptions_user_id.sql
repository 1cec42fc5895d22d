select user_id
from "streamflix"."main"."stg_subscriptions"
where user_id is null
