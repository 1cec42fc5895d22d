select mrr
from "streamflix"."main"."fct_mrr"
where mrr is null
