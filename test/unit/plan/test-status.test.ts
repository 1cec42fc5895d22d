import { testResultQuery } from '../../../src/plan/test-query';
import { testVerdict } from '../../../src/plan/test-status';
import { expectGolden } from './golden';

describe('test verdict', () => {
  it.each([
    [{ failures: 0, should_warn: false, should_error: false }, {}, { status: 'pass', message: 'PASS', failures: 0 }],
    [{ failures: 1, should_warn: true, should_error: true }, {}, { status: 'fail', message: 'Got 1 result, configured to fail if != 0', failures: 1 }],
    [
      { failures: '3', should_warn: true, should_error: true },
      { severity: 'warn' },
      { status: 'warn', message: 'Got 3 results, configured to warn if != 0', failures: 3 },
    ],
    [
      { failures: 5, should_warn: true, should_error: false },
      { warn_if: '>= 5', error_if: '> 10' },
      { status: 'warn', message: 'Got 5 results, configured to warn if >= 5', failures: 5 },
    ],
    [
      { failures: 11, should_warn: true, should_error: true },
      { warn_if: '>= 5', error_if: '> 10' },
      { status: 'fail', message: 'Got 11 results, configured to fail if > 10', failures: 11 },
    ],
    [
      { failures: 2, should_warn: false, should_error: false },
      { warn_if: '> 2', error_if: '> 2' },
      { status: 'pass', message: 'PASS', failures: 2 },
    ],
    [
      { failures: 2, should_warn: 'true', should_error: 1 },
      { severity: 'ERROR' },
      { status: 'fail', message: 'Got 2 results, configured to fail if != 0', failures: 2 },
    ],
    [{}, {}, { status: 'pass', message: 'PASS', failures: 0 }],
  ])('%j with %j -> %j', (row, config, verdict) => {
    expect(testVerdict(row, config)).toEqual(verdict);
  });
});

describe('test query', () => {
  it('wraps the test with fail_calc, thresholds and limit', () => {
    expectGolden('test-query-thresholds', [
      testResultQuery('select * from t where x is null\n', { fail_calc: 'sum(n)', warn_if: '> 5', error_if: '> 10', limit: 100 }),
    ]);
  });
  it('defaults to count(*) and != 0', () => expectGolden('test-query-defaults', [testResultQuery('select 1 as x', {})]));
});
