{# The single date every mart is reported as of, taken from the data, never from the clock. #}
with as_of as (
    {{ as_of_date_query(ref('stg_payments'), ref('stg_subscriptions'), ref('stg_users')) }}
)

select
    as_of_date,
    cast(date_trunc('month', as_of_date) as date) as report_month
from as_of
