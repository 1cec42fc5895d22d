select
    sum(n) as failures,
    sum(n) > 5 as should_warn,
    sum(n) > 10 as should_error
from (
    select * from t where x is null
    limit 100
) dbt_internal_test;
