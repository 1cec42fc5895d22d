{# A user's LTV in dim_users is the sum of their monthly mrr: returns the users where it is not. #}
with mrr_by_user as (
    select user_id, sum(mrr) as total_mrr
    from {{ ref('fct_mrr') }}
    group by user_id
)

select u.user_id, u.lifetime_value, coalesce(m.total_mrr, 0) as total_mrr
from {{ ref('dim_users') }} as u
left join mrr_by_user as m on m.user_id = u.user_id
where u.lifetime_value <> coalesce(m.total_mrr, 0)
