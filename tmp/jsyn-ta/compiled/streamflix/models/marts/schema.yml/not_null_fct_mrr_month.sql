select month
from "streamflix"."main"."fct_mrr"
where month is null
