{# One row per payment. Payments of the test account's subscriptions are dropped here; orphan
   payments (unknown subscription) stay and are reported by a warn-severity test. #}
with source as (
    select * from {{ ref('raw_payments') }}
),

test_account_subscriptions as (
    select distinct {{ clean_id('subscription_id') }} as subscription_id
    from {{ ref('raw_subscriptions') }}
    where {{ clean_id('user_id') }} = {{ var('test_user_id', 999) }}
),

cleaned as (
    select distinct
        {{ clean_id('payment_id') }} as payment_id,
        {{ clean_id('subscription_id') }} as subscription_id,
        {{ parse_amount('amount') }} as amount,
        {{ parse_flexible_date('payment_date') }} as payment_date,
        {{ normalize_payment_status('status') }} as status
    from source
)

select cleaned.*
from cleaned
where not exists (
    select 1
    from test_account_subscriptions as t
    where t.subscription_id = cleaned.subscription_id
)
