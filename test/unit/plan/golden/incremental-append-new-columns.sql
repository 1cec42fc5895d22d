alter table "db"."main"."orders" add column "status" VARCHAR;

INSERT INTO "db"."main"."orders" ("id", "amount", "status")
SELECT "id", "amount", "status" FROM (
select * from "db"."main"."orders__dbt_tmp"
) AS dbt_internal_source;

DROP TABLE IF EXISTS "db"."main"."orders__dbt_tmp" CASCADE;
