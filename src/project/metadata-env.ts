/** dbt's metadata environment: the variables named DBT_ENV_CUSTOM_ENV_<key>, by key (artifacts' `metadata.env`, `dbt_metadata_envs`). */
const METADATA_ENV_PREFIX = 'DBT_ENV_CUSTOM_ENV_';

export function metadataEnvs(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (name.startsWith(METADATA_ENV_PREFIX) && value !== undefined) found[name.slice(METADATA_ENV_PREFIX.length)] = value;
  return found;
}
