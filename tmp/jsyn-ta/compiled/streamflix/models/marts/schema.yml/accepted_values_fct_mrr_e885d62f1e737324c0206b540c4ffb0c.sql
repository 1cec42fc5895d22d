
with all_values as (
    select
        change_category as value_field,
        count(*) as n_records
    from "streamflix"."main"."fct_mrr"
    group by change_category
)
select *
from all_values
where value_field not in (
    'new','expansion','contraction','retained','churn','reactivation'
)
