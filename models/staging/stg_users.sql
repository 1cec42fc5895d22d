{# One row per user. Duplicate rows differ only in formatting, so they collapse once cleaned;
   the unique test on user_id would catch a duplicate that still disagrees. #}
with source as (
    select * from {{ ref('raw_users') }}
),

cleaned as (
    select distinct
        {{ clean_id('user_id') }} as user_id,
        {{ parse_flexible_timestamp('created_at') }} as created_at,
        {{ normalize_country('country') }} as country,
        {{ normalize_channel('marketing_channel') }} as marketing_channel
    from source
)

select *
from cleaned
where user_id <> {{ var('test_user_id', 999) }}
