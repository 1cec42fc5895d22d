
with all_values as (
    select
        current_plan_type as value_field,
        count(*) as n_records
    from "streamflix"."main"."dim_users"
    group by current_plan_type
)
select *
from all_values
where value_field not in (
    'Basic','Pro','Premium'
)
