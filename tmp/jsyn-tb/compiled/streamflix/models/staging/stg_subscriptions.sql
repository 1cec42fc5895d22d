
with source as (
    select * from "streamflix"."main"."raw_subscriptions"
),

cleaned as (
    select distinct
        cast(nullif(nullif(trim(cast(subscription_id as varchar)), ''), 'NULL') as bigint) as subscription_id,
        cast(nullif(nullif(trim(cast(user_id as varchar)), ''), 'NULL') as bigint) as user_id,
        case lower(nullif(nullif(trim(cast(plan_type as varchar)), ''), 'NULL'))
    when 'basic' then 'Basic'
    when 'pro' then 'Pro'
    when 'premium' then 'Premium'
end as plan_type,
        case
    when nullif(nullif(trim(cast(start_date as varchar)), ''), 'NULL') like '%/%' then cast(strptime(nullif(nullif(trim(cast(start_date as varchar)), ''), 'NULL'), '%m/%d/%Y') as date)
    else cast(nullif(nullif(trim(cast(start_date as varchar)), ''), 'NULL') as date)
end as keyed_start_date,
        case
    when nullif(nullif(trim(cast(end_date as varchar)), ''), 'NULL') like '%/%' then cast(strptime(nullif(nullif(trim(cast(end_date as varchar)), ''), 'NULL'), '%m/%d/%Y') as date)
    else cast(nullif(nullif(trim(cast(end_date as varchar)), ''), 'NULL') as date)
end as keyed_end_date
    from source
),

dated as (
    select
        subscription_id,
        user_id,
        plan_type,
        case when keyed_end_date < keyed_start_date then keyed_end_date else keyed_start_date end as start_date,
        case when keyed_end_date < keyed_start_date then keyed_start_date else keyed_end_date end as end_date
    from cleaned
    where user_id <> 999
),

as_of as (
    select max(p.payment_date) as as_of_date
from "streamflix"."main"."stg_payments" as p
inner join dated as s on s.subscription_id = p.subscription_id
inner join "streamflix"."main"."stg_users" as u on u.user_id = s.user_id
where p.status = 'success'
)

select
    dated.subscription_id,
    dated.user_id,
    dated.plan_type,
    case
        when dated.end_date is not null and dated.end_date <= as_of.as_of_date then 'cancelled'
        else 'active'
    end as status,
    dated.start_date,
    dated.end_date
from dated
cross join as_of