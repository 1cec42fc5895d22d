select status
from "streamflix"."main"."stg_subscriptions"
where status is null
