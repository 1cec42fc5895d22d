
with mrr_by_user as (
    select user_id, sum(mrr) as total_mrr
    from "streamflix"."main"."fct_mrr"
    group by user_id
)

select u.user_id, u.lifetime_value, coalesce(m.total_mrr, 0) as total_mrr
from "streamflix"."main"."dim_users" as u
left join mrr_by_user as m on m.user_id = u.user_id
where u.lifetime_value <> coalesce(m.total_mrr, 0)