
with all_values as (
    select
        marketing_channel as value_field,
        count(*) as n_records
    from "streamflix"."main"."dim_users"
    group by marketing_channel
)
select *
from all_values
where value_field not in (
    'organic','google_ads','facebook','tiktok','referral','email','unknown'
)
