alter table "db"."snapshots"."customers_snapshot" add column "email" VARCHAR;

update "db"."snapshots"."customers_snapshot" as t set "dbt_valid_to" = s.__snapshot_updated_at from "db"."snapshots"."customers_snapshot__dbt_tmp" as s where t."id" = s."id" and t."dbt_valid_to" is null and (t."email" is distinct from s."email" or t."updated_at" is distinct from s."updated_at");

insert into "db"."snapshots"."customers_snapshot" ("id", "email", "updated_at", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to")
select s."id", s."email", s."updated_at", md5(coalesce(cast(s."id" as varchar), '') || '|' || coalesce(cast(s.__snapshot_updated_at as varchar), '')), s.__snapshot_updated_at, s.__snapshot_updated_at, nullif(s.__snapshot_updated_at, s.__snapshot_updated_at)
from "db"."snapshots"."customers_snapshot__dbt_tmp" s where not exists (select 1 from "db"."snapshots"."customers_snapshot" t where t."id" = s."id" and t."dbt_valid_to" is null);

DROP TABLE IF EXISTS "db"."snapshots"."customers_snapshot__dbt_tmp" CASCADE;
