
select
    month as unique_field,
    count(*) as n_records
from "streamflix"."main"."int_month_spine"
where month is not null
group by month
having count(*) > 1
