select as_of_date
from "streamflix"."main"."int_as_of_date"
where as_of_date is null
