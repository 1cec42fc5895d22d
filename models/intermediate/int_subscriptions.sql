{# Subscriptions that count: those of a known, non-test user. Orphans stop here. #}
select s.*
from {{ ref('stg_subscriptions') }} as s
inner join {{ ref('stg_users') }} as u on u.user_id = s.user_id
