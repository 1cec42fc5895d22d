select user_id
from "streamflix"."main"."int_user_active_months"
where user_id is null
