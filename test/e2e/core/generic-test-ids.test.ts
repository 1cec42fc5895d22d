import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

/*
 * A generic test's unique_id ends in dbt's hash of its name and its metadata (test, namespace, arguments), so ids are
 * dbt's own, and two tests whose names clean to the same text but whose arguments differ are two tests.
 */
describe('generic test unique_ids', () => {
  const dir = writeProject({
    'dbt_project.yml': 'name: jaffle_shop\nprofile: jaffle_shop\n',
    'models/customers.sql': "select 1 as customer_id, 'a@b' as email",
    'models/schema.yml': [
      'version: 2',
      'models:',
      '  - name: customers',
      '    columns:',
      '      - name: customer_id',
      '        data_tests: [unique, not_null]',
      '      - name: email',
      '        data_tests:',
      "          - accepted_values: {values: ['%@%']}",
      "          - accepted_values: {values: ['%&%'], config: {severity: warn}}",
    ].join('\n'),
  });

  test("are dbt's, and tests named alike with other arguments are distinct", async () => {
    const run = await tsdbt(dir, 'parse');
    expect(run.stderr).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    const ids = Object.keys(manifest.nodes).filter((id) => id.startsWith('test.'));
    // The ids dbt gives jaffle_shop's tests.
    expect(ids).toEqual(
      expect.arrayContaining(['test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1', 'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d']),
    );
    expect(ids.filter((id) => id.startsWith('test.jaffle_shop.accepted_values_customers_email___.'))).toHaveLength(2);
    const build = await tsdbt(dir, 'build');
    expect(build.stdout).toMatch(/Done\. PASS=3 WARN=1 ERROR=1/);
  });
});
