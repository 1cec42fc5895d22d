
with source as (
    select * from "streamflix"."main"."raw_payments"
),

test_account_subscriptions as (
    select distinct cast(nullif(nullif(trim(cast(subscription_id as varchar)), ''), 'NULL') as bigint) as subscription_id
    from "streamflix"."main"."raw_subscriptions"
    where cast(nullif(nullif(trim(cast(user_id as varchar)), ''), 'NULL') as bigint) = 999
),

cleaned as (
    select distinct
        cast(nullif(nullif(trim(cast(payment_id as varchar)), ''), 'NULL') as bigint) as payment_id,
        cast(nullif(nullif(trim(cast(subscription_id as varchar)), ''), 'NULL') as bigint) as subscription_id,
        cast(replace(replace(nullif(nullif(trim(cast(amount as varchar)), ''), 'NULL'), '$', ''), ' ', '') as decimal(10, 2)) as amount,
        case
    when nullif(nullif(trim(cast(payment_date as varchar)), ''), 'NULL') like '%/%' then cast(strptime(nullif(nullif(trim(cast(payment_date as varchar)), ''), 'NULL'), '%m/%d/%Y') as date)
    else cast(nullif(nullif(trim(cast(payment_date as varchar)), ''), 'NULL') as date)
end as payment_date,
        lower(nullif(nullif(trim(cast(status as varchar)), ''), 'NULL')) as status
    from source
)

select cleaned.*
from cleaned
where not exists (
    select 1
    from test_account_subscriptions as t
    where t.subscription_id = cleaned.subscription_id
)