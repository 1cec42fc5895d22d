select amount
from "streamflix"."main"."stg_payments"
where amount is null
