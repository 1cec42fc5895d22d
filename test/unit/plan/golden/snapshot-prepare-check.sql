CREATE SCHEMA IF NOT EXISTS "db"."snapshots";

DROP TABLE IF EXISTS "db"."snapshots"."customers_snapshot__dbt_tmp" CASCADE;

CREATE TABLE "db"."snapshots"."customers_snapshot__dbt_tmp" AS (
select source_query.*, cast('2026-01-02 03:04:05.678' as timestamp) as __snapshot_updated_at from (
select * from customers
) source_query
);
