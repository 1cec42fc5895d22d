select lifetime_value
from "streamflix"."main"."dim_users"
where lifetime_value is null
