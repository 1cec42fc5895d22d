select mrr_change
from "streamflix"."main"."fct_mrr"
where mrr_change is null
