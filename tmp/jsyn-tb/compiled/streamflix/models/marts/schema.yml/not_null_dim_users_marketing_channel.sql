select marketing_channel
from "streamflix"."main"."dim_users"
where marketing_channel is null
