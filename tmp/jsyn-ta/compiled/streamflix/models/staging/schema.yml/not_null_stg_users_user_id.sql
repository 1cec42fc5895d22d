select user_id
from "streamflix"."main"."stg_users"
where user_id is null
