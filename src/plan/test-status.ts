import type { NodeConfig } from '../project/types';

export type TestStatus = 'pass' | 'warn' | 'fail';

export interface TestVerdict {
  status: TestStatus;
  message: string;
  failures: number;
}

/**
 * A data test's status from the row of `testResultQuery`: `fail` only when severity is error and `error_if` holds,
 * else `warn` when `warn_if` holds, else `pass`; the message is dbt's.
 */
export function testVerdict(row: Record<string, unknown>, config: NodeConfig): TestVerdict {
  const failures = Number(row.failures ?? 0);
  const severity = String(config.severity ?? 'ERROR').toUpperCase();
  const status: TestStatus = severity === 'ERROR' && truthy(row.should_error) ? 'fail' : truthy(row.should_warn) ? 'warn' : 'pass';
  if (status === 'pass') return { status, message: 'PASS', failures };
  const threshold = String(status === 'fail' ? (config.error_if ?? '!= 0') : (config.warn_if ?? '!= 0'));
  return { status, message: `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status} if ${threshold}`, failures };
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1;
}
