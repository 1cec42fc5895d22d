select change_category
from "streamflix"."main"."fct_mrr"
where change_category is null
