import type { NodeConfig } from '../project/types';

/**
 * dbt's test wrapper: failures counted with `fail_calc`, compared with `warn_if` / `error_if`, over at most `limit`
 * failing rows.
 */
export function testResultQuery(testSql: string, config: NodeConfig): string {
  const failCalc = String(config.fail_calc ?? 'count(*)');
  const warnIf = String(config.warn_if ?? '!= 0');
  const errorIf = String(config.error_if ?? '!= 0');
  const limit = config.limit === undefined || config.limit === null ? '' : `\n    limit ${Number(config.limit)}`;
  return [
    'select',
    `    ${failCalc} as failures,`,
    `    ${failCalc} ${warnIf} as should_warn,`,
    `    ${failCalc} ${errorIf} as should_error`,
    'from (',
    `    ${testSql.trim()}${limit}`,
    ') dbt_internal_test',
  ].join('\n');
}
