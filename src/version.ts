import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The dbt-core version whose behaviour tsdbt follows (reported as `dbt_version` and in artifacts, and checked against `require-dbt-version`): the latest 1.10 patch. */
export const DBT_VERSION = '1.10.23';

function packageVersion(start: string, name?: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (name === undefined || json.name === name) return json.version;
  }
  return 'unknown';
}

/** tsdbt's version from package.json, found from both the TypeScript sources and the built dist/ tree. */
export function tsdbtVersion(): string {
  return packageVersion(__dirname);
}

/** The folder of tsdbt's package.json: the clone, or where npm installed tsdbt. */
export function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) if (existsSync(path.join(dir, 'package.json'))) return dir;
  return path.dirname(__dirname);
}

/** `tsdbt --version`: tsdbt, the DuckDB it embeds and the dbt it follows. */
export function versionReport(): string {
  let duckdb = 'unknown';
  try {
    // The package's version is DuckDB's, with a release suffix (1.5.6-r.1 embeds DuckDB 1.5.6); reading it avoids loading DuckDB.
    duckdb = packageVersion(path.dirname(require.resolve('@duckdb/node-api')), '@duckdb/node-api').replace(/-r\.\d+$/, '');
  } catch {
    // not installed: reported as unknown
  }
  return [`tsdbt: ${tsdbtVersion()}`, `  - DuckDB: ${duckdb}`, `  - follows dbt-core: ${DBT_VERSION} (with dbt-duckdb)`].join('\n');
}
