select previous_mrr
from "streamflix"."main"."fct_mrr"
where previous_mrr is null
