MERGE INTO "db"."main"."orders" AS dbt_internal_dest
USING (
select * from "db"."main"."orders__dbt_tmp"
) AS dbt_internal_source
ON dbt_internal_dest."id" = dbt_internal_source."id" AND dbt_internal_dest."amount" = dbt_internal_source."amount"
WHEN MATCHED THEN UPDATE SET "id" = dbt_internal_source."id", "amount" = dbt_internal_source."amount"
WHEN NOT MATCHED THEN INSERT ("id", "amount") VALUES (dbt_internal_source."id", dbt_internal_source."amount");

DROP TABLE IF EXISTS "db"."main"."orders__dbt_tmp" CASCADE;
