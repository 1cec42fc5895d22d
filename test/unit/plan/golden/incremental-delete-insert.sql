DELETE FROM "db"."main"."orders" AS dbt_internal_dest
USING (
select * from "db"."main"."orders__dbt_tmp"
) AS dbt_internal_source
WHERE dbt_internal_dest."id" = dbt_internal_source."id";

INSERT INTO "db"."main"."orders" ("id", "amount")
SELECT "id", "amount" FROM (
select * from "db"."main"."orders__dbt_tmp"
) AS dbt_internal_source;

DROP TABLE IF EXISTS "db"."main"."orders__dbt_tmp" CASCADE;
