CREATE SCHEMA IF NOT EXISTS "db"."snapshots";

DROP TABLE IF EXISTS "db"."snapshots"."customers_snapshot__dbt_tmp" CASCADE;

CREATE TABLE "db"."snapshots"."customers_snapshot__dbt_tmp" AS (
select source_query.*, source_query."updated_at" as __snapshot_updated_at from (
select * from customers
) source_query
);
