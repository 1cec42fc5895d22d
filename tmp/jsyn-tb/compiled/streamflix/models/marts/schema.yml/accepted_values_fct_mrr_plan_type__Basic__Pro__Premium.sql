
with all_values as (
    select
        plan_type as value_field,
        count(*) as n_records
    from "streamflix"."main"."fct_mrr"
    group by plan_type
)
select *
from all_values
where value_field not in (
    'Basic','Pro','Premium'
)
