select user_id
from "streamflix"."main"."fct_mrr"
where user_id is null
