
with source as (
    select * from "streamflix"."main"."raw_users"
),

cleaned as (
    select distinct
        cast(nullif(nullif(trim(cast(user_id as varchar)), ''), 'NULL') as bigint) as user_id,
        case
    when regexp_full_match(nullif(nullif(trim(cast(created_at as varchar)), ''), 'NULL'), '[0-9]+')
        then make_timestamp(cast(nullif(nullif(trim(cast(created_at as varchar)), ''), 'NULL') as bigint) * 1000000)
    when nullif(nullif(trim(cast(created_at as varchar)), ''), 'NULL') like '%T%Z'
        then strptime(nullif(nullif(trim(cast(created_at as varchar)), ''), 'NULL'), '%Y-%m-%dT%H:%M:%SZ')
    else strptime(nullif(nullif(trim(cast(created_at as varchar)), ''), 'NULL'), '%Y-%m-%d %H:%M:%S')
end as created_at,
        upper(nullif(nullif(trim(cast(country as varchar)), ''), 'NULL')) as country,
        coalesce(regexp_replace(lower(nullif(nullif(trim(cast(marketing_channel as varchar)), ''), 'NULL')), '[ _-]+', '_', 'g'), 'unknown') as marketing_channel
    from source
)

select *
from cleaned
where user_id <> 999