select start_date
from "streamflix"."main"."stg_subscriptions"
where start_date is null
