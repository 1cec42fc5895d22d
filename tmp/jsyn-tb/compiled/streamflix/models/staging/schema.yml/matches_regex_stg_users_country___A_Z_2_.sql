
select country
from "streamflix"."main"."stg_users"
where country is not null
    and not regexp_full_match(country, '[A-Z]{2}')
