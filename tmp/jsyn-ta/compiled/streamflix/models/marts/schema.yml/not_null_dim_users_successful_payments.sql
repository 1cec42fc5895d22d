select successful_payments
from "streamflix"."main"."dim_users"
where successful_payments is null
