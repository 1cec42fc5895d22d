select plan_type
from "streamflix"."main"."stg_subscriptions"
where plan_type is null
