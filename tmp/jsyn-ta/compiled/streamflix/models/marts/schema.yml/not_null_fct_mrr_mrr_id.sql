select mrr_id
from "streamflix"."main"."fct_mrr"
where mrr_id is null
