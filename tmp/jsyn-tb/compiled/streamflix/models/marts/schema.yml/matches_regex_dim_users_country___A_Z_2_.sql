
select country
from "streamflix"."main"."dim_users"
where country is not null
    and not regexp_full_match(country, '[A-Z]{2}')
