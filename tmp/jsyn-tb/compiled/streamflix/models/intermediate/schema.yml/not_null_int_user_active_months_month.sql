select month
from "streamflix"."main"."int_user_active_months"
where month is null
