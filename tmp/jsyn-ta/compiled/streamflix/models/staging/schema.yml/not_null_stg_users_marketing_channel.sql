select marketing_channel
from "streamflix"."main"."stg_users"
where marketing_channel is null
