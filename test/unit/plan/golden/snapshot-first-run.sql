CREATE TABLE "db"."snapshots"."customers_snapshot" AS (
select s."id", s."email", s."updated_at", md5(coalesce(cast(s."id" as varchar), '') || '|' || coalesce(cast(s.__snapshot_updated_at as varchar), '')) as "dbt_scd_id", s.__snapshot_updated_at as "dbt_updated_at", s.__snapshot_updated_at as "dbt_valid_from", nullif(s.__snapshot_updated_at, s.__snapshot_updated_at) as "dbt_valid_to"
from "db"."snapshots"."customers_snapshot__dbt_tmp" s
);

DROP TABLE IF EXISTS "db"."snapshots"."customers_snapshot__dbt_tmp" CASCADE;
