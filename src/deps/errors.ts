import { TsdbtError } from '../errors';

/** `deps` could not resolve or install the packages: exit code 2, as dbt's DependencyError. */
export class DependencyError extends TsdbtError {
  readonly exitCode = 2;
}
