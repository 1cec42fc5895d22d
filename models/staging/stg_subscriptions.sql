{# One row per subscription. The source status goes stale, so status is derived from the dates:
   cancelled once end_date is on or before the as-of date, else active. Dates keyed the wrong way
   round (end before start) are swapped back. Orphans (unknown user) stay and are reported by a
   warn-severity test. #}
with source as (
    select * from {{ ref('raw_subscriptions') }}
),

cleaned as (
    select distinct
        {{ clean_id('subscription_id') }} as subscription_id,
        {{ clean_id('user_id') }} as user_id,
        {{ normalize_plan_type('plan_type') }} as plan_type,
        {{ parse_flexible_date('start_date') }} as keyed_start_date,
        {{ parse_flexible_date('end_date') }} as keyed_end_date
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
    where user_id <> {{ var('test_user_id', 999) }}
),

as_of as (
    {{ as_of_date_query(ref('stg_payments'), 'dated', ref('stg_users')) }}
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
