{#
  Returns fct_mrr rows that break the snapshot's shape: months after the report month, churn rows
  with revenue or a plan, active rows without a plan, or mrr_change not equal to mrr - previous_mrr.
#}
select f.*
from {{ ref('fct_mrr') }} as f
cross join {{ ref('int_as_of_date') }} as a
where f.month > a.report_month
    or (f.change_category = 'churn' and (f.mrr <> 0 or f.plan_type is not null))
    or (f.change_category <> 'churn' and f.plan_type is null)
    or f.mrr_change <> f.mrr - f.previous_mrr
