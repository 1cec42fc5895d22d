import { FixtureProject, expectSuccess } from './fixture-run';
import type { CliRun } from '../../helpers/project';

describe('compat-yaml-tests: tests: and data_tests:, arguments: and classic forms, config: blocks (no profiles.yml)', () => {
  const project = new FixtureProject('compat-yaml-tests');
  let run: CliRun;

  beforeAll(async () => {
    run = await project.runWithoutProfile('build');
  });

  test('every test runs, named as dbt names them; a severity: warn failure warns and the run succeeds', () => {
    expectSuccess(run);
    for (const name of [
      'unique_orders_order_id', // tests:
      'accepted_values_orders_status__placed__shipped__returned__lost', // data_tests: with arguments:
      'status_is_final', // name: and classic arguments, config.where
      'known_customers_only',
      'not_null_orders_amount',
      'unique_customers_id', // model-level test with column_name
    ]) {
      expect(run.stdout).toMatch(new RegExp(`PASS ${name} `));
    }
    expect(run.stdout).toMatch(/WARN 1 relationships_orders_customer_id__id__ref_customers_ /);
    expect(run.stdout).toContain('PASS=9 WARN=1 ERROR=0 SKIP=0');
  });

  test('config.where narrows the tested rows', () => {
    const compiled = project.read('target/compiled/compat_yaml_tests/models/schema.yml/known_customers_only.sql');
    expect(compiled).toContain('where customer_id < 9) dbt_subquery');
  });

  test('two YAML entries for one model are refused at parse, naming both places', async () => {
    const copy = new FixtureProject('compat-yaml-tests');
    copy.write('models/more.yml', 'version: 2\nmodels:\n  - name: orders\n    description: again\n');
    const refused = await copy.runWithoutProfile('parse');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/orders/);
    expect(refused.stderr).toMatch(/models\/more\.yml/);
  });

  test('a test on a model that does not exist: a warning, the test disabled, the build green', async () => {
    const copy = new FixtureProject('compat-yaml-tests');
    copy.write('models/lonely.sql', 'select 1 as customer_id\n');
    copy.write(
      'models/ghost.yml',
      "version: 2\nmodels:\n  - name: lonely\n    columns:\n      - name: customer_id\n        data_tests:\n          - relationships:\n              to: ref('ghost_customers')\n              field: id\n",
    );
    const result = await copy.runWithoutProfile('build');
    expectSuccess(result);
    expect(result.stdout + result.stderr).toMatch(/ghost_customers.*(not found|disabled)/i);
    expect(result.stdout).not.toMatch(/START test relationships_lonely_customer_id/);
  });

  test('a YAML entry for a model that does not exist is a warning', async () => {
    const copy = new FixtureProject('compat-yaml-tests');
    copy.write('models/ghost.yml', 'version: 2\nmodels:\n  - name: no_such_model\n    columns:\n      - name: id\n        data_tests: [unique]\n');
    const result = await copy.runWithoutProfile('build');
    expectSuccess(result);
    expect(result.stdout + result.stderr).toMatch(/no_such_model/);
  });
});
