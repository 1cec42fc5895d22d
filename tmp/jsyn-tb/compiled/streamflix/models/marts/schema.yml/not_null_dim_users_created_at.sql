select created_at
from "streamflix"."main"."dim_users"
where created_at is null
