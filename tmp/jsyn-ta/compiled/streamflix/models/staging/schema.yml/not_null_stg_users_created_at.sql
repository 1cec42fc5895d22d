select created_at
from "streamflix"."main"."stg_users"
where created_at is null
