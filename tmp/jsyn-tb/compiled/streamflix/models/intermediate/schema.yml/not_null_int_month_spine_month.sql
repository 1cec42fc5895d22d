select month
from "streamflix"."main"."int_month_spine"
where month is null
