
select s.*
from "streamflix"."main"."stg_subscriptions" as s
inner join "streamflix"."main"."stg_users" as u on u.user_id = s.user_id