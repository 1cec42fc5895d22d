INSERT INTO "db"."main"."orders" ("id", "amount")
SELECT "id", "amount" FROM (
select * from "db"."main"."orders__dbt_tmp"
) AS dbt_internal_source;

DROP TABLE IF EXISTS "db"."main"."orders__dbt_tmp" CASCADE;
