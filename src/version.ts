import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** tsdbt's version from package.json, found from both the TypeScript sources and the built dist/ tree. */
export function tsdbtVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** The dbt-core version whose behaviour tsdbt follows: what packages' `require-dbt-version` is checked against. */
export const DBT_VERSION = '1.10.0';
