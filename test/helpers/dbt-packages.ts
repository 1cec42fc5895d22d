import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The real dbt packages kept beside the repository (`../shared/dbt-packages/`, looked up from the repository and its
 * parent folders), or undefined in a clone without them.
 */
export const SHARED_PACKAGES = [path.join(__dirname, '..', '..', '..'), path.join(__dirname, '..', '..', '..', '..')]
  .map((dir) => path.join(dir, 'shared', 'dbt-packages'))
  .find((dir) => existsSync(path.join(dir, 'dbt_utils', 'dbt_project.yml')));

/** `describe`, or `describe.skip` with the reason in its name when the packages are absent. */
export const describeWithPackages: jest.Describe = SHARED_PACKAGES
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ../shared/dbt-packages/ is absent)`, fn)) as jest.Describe);

/** Copies the named packages, unchanged, into `<projectDir>/dbt_packages/`. */
export function installSharedPackages(projectDir: string, names: string[]): void {
  mkdirSync(path.join(projectDir, 'dbt_packages'), { recursive: true });
  for (const name of names) cpSync(path.join(SHARED_PACKAGES!, name), path.join(projectDir, 'dbt_packages', name), { recursive: true });
}
