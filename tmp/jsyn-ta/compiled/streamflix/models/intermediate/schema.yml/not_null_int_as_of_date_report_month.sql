select report_month
from "streamflix"."main"."int_as_of_date"
where report_month is null
