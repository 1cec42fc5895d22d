
select f.*
from "streamflix"."main"."fct_mrr" as f
cross join "streamflix"."main"."int_as_of_date" as a
where f.month > a.report_month
    or (f.change_category = 'churn' and (f.mrr <> 0 or f.plan_type is not null))
    or (f.change_category <> 'churn' and f.plan_type is null)
    or f.mrr_change <> f.mrr - f.previous_mrr