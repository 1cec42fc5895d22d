select user_id
from "streamflix"."main"."dim_users"
where user_id is null
