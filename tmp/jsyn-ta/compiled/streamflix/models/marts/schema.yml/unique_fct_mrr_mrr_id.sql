
select
    mrr_id as unique_field,
    count(*) as n_records
from "streamflix"."main"."fct_mrr"
where mrr_id is not null
group by mrr_id
having count(*) > 1
