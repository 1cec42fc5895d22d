import { copyFixture, tsdbt } from '../../helpers/project';

const TESTS_OF_ORDERS = ['assert_no_negative_ids', 'not_null_orders_id', 'unique_orders_id'];

describe('ls: selection through the CLI (test/fixtures/core-selection)', () => {
  const dir = copyFixture('core-selection');

  async function names(...args: string[]): Promise<string[]> {
    const run = await tsdbt(dir, 'ls', '--output', 'name', ...args);
    expect(run.code).toBe(0);
    return run.stdout.split('\n').filter(Boolean).sort();
  }
  const sorted = (...xs: string[]) => xs.sort();

  test('everything, when nothing is selected', async () => {
    expect(await names()).toEqual(
      sorted('revenue_count', 'orders', 'revenue', 'stg_customers', 'stg_orders', 'raw_customers', 'app.orders', 'app.payments', ...TESTS_OF_ORDERS),
    );
  });

  test('graph operators +x, x+, n+x, x+n, @x', async () => {
    expect(await names('-s', '+orders')).toEqual(sorted('orders', 'stg_customers', 'stg_orders', 'raw_customers', 'app.orders', ...TESTS_OF_ORDERS));
    expect(await names('-s', 'orders+')).toEqual(sorted('orders', 'revenue', 'revenue_count', ...TESTS_OF_ORDERS));
    expect(await names('-s', '1+revenue')).toEqual(sorted('orders', 'revenue', ...TESTS_OF_ORDERS));
    expect(await names('-s', 'stg_orders+1')).toEqual(sorted('stg_orders', 'orders', ...TESTS_OF_ORDERS));
    expect(await names('-s', '@stg_customers')).toEqual(await names('-s', '@stg_orders'));
  });

  test('methods: tag, path, config, resource_type, test_type, test_name, source, fqn wildcard', async () => {
    expect(await names('-s', 'tag:staging')).toEqual(['stg_customers', 'stg_orders']);
    expect(await names('-s', 'tag:finance', '--resource-type', 'model')).toEqual(['orders']);
    expect(await names('-s', 'path:models/marts', '--resource-type', 'model')).toEqual(['orders', 'revenue']);
    expect(await names('-s', 'config.materialized:view', '--resource-type', 'model')).toEqual(['stg_customers', 'stg_orders']);
    expect(await names('-s', 'resource_type:seed')).toEqual(['raw_customers']);
    expect(await names('-s', 'test_type:singular')).toEqual(['assert_no_negative_ids']);
    expect(await names('-s', 'test_type:generic')).toEqual(['not_null_orders_id', 'unique_orders_id']);
    expect(await names('-s', 'test_name:unique')).toEqual(['unique_orders_id']);
    expect(await names('-s', 'source:app')).toEqual(['app.orders', 'app.payments']);
    expect(await names('-s', 'source:app.orders+', '--resource-type', 'model')).toEqual(['orders', 'revenue', 'stg_orders']);
    expect(await names('-s', 'shop.staging.*')).toEqual(['stg_customers', 'stg_orders']);
  });

  test('union, intersection and --exclude', async () => {
    expect(await names('-s', 'tag:staging', 'resource_type:seed')).toEqual(['raw_customers', 'stg_customers', 'stg_orders']);
    expect(await names('-s', 'tag:staging,config.materialized:view')).toEqual(['stg_customers', 'stg_orders']);
    expect(await names('-s', 'tag:staging,stg_orders+')).toEqual(['stg_orders']);
    expect(await names('-s', '+revenue', '--exclude', 'resource_type:test', 'source:app')).toEqual(
      sorted('orders', 'revenue', 'stg_customers', 'stg_orders', 'raw_customers'),
    );
  });

  test('--resource-type filters the listing', async () => {
    expect(await names('--resource-type', 'seed', 'analysis')).toEqual(['raw_customers', 'revenue_count']);
    expect(await names('--resource-type', 'source')).toEqual(['app.orders', 'app.payments']);
  });

  test('--output path, json and selector (the default)', async () => {
    const paths = await tsdbt(dir, 'ls', '-s', 'tag:staging', 'resource_type:seed', 'source:app.orders', '--output', 'path');
    expect(paths.stdout.split('\n')).toEqual([
      'models/staging/stg_customers.sql',
      'models/staging/stg_orders.sql',
      'seeds/raw_customers.csv',
      'models/staging/sources.yml',
    ]);

    const json = await tsdbt(dir, 'ls', '-s', 'stg_orders', '--output', 'json');
    const node = JSON.parse(json.stdout);
    expect(node).toMatchObject({
      name: 'stg_orders',
      resource_type: 'model',
      unique_id: 'model.shop.stg_orders',
      original_file_path: 'models/staging/stg_orders.sql',
    });
    expect(node.config).toMatchObject({ materialized: 'view', tags: ['staging'] });
    expect(node.depends_on.nodes).toEqual(['source.shop.app.orders']);

    const selectors = await tsdbt(dir, 'ls', '-s', 'orders', 'source:app.payments', 'revenue_count', '--exclude', 'test_type:singular', 'test_name:not_null');
    expect(selectors.stdout.split('\n')).toEqual([
      'shop.analysis.revenue_count',
      'shop.marts.orders',
      'source:shop.app.payments',
      'shop.marts.unique_orders_id',
    ]);
  });

  test('selecting nothing warns and exits 0', async () => {
    const run = await tsdbt(dir, 'ls', '-s', 'no_such_model');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/The selection criterion 'no_such_model' does not match any enabled nodes/);
    expect(run.stdout).toMatch(/No nodes selected!/);
    const compile = await tsdbt(dir, 'compile', '-s', 'tag:nope');
    expect(compile.code).toBe(0);
    expect(compile.stdout).toMatch(/does not match any enabled nodes/);
  });
});
