import { ErrorCollector } from '../../../src/errors';
import { matchCriterion } from '../../../src/graph/selector-methods';
import { parseCriterion } from '../../../src/graph/selector-spec';
import type { SelectableNode } from '../../../src/graph/selectable-node';
import { RefLookup } from '../../../src/parse/ref-lookup';
import { emptyProperties, readProperties } from '../../../src/project/properties';
import { compareVersions } from '../../../src/project/version-order';
import type { Node } from '../../../src/project/types';
import { parseYaml } from '../../../src/project/yaml-file';

function modelPatch(yaml: string) {
  const properties = emptyProperties();
  const errors = new ErrorCollector();
  readProperties(parseYaml(yaml, 'models/schema.yml'), properties, errors, 'proj');
  errors.throwIfAny();
  return { patch: properties.models.get('orders')!, warnings: properties.warnings };
}

describe('versions: in model properties', () => {
  const { patch, warnings } = modelPatch(`
models:
  - name: orders
    description: Orders
    config: { tags: [a], materialized: table }
    tests: [model_check]
    columns:
      - name: id
        tests: [unique]
      - name: amount
        tests: [not_null]
      - name: status
    versions:
      - v: 1
        columns:
          - include: all
            exclude: [status]
      - v: 2
        description: Orders, with currency
        config: { tags: [b], alias: orders_next }
        tests: []
        columns:
          - include: [id]
          - name: currency
            tests: [not_null]
      - v: 1.5
        defined_in: orders_mid
        colour: red
`);
  const [v1, v2, mid] = patch.versions!;

  test('the latest is the greatest version when latest_version is not set, compared as numbers', () => {
    expect(patch.versions!.map((v) => v.version)).toEqual([
      { v: 1, latest: 2, definedIn: undefined },
      { v: 2, latest: 2, definedIn: undefined },
      { v: 1.5, latest: 2, definedIn: 'orders_mid' },
    ]);
  });

  test("columns: the model's, as include/exclude keep them, then the version's own", () => {
    expect(Object.keys(v1.columns)).toEqual(['id', 'amount']);
    expect(Object.keys(v2.columns)).toEqual(['id', 'currency']);
    expect(Object.keys(mid.columns)).toEqual(['id', 'amount', 'status']);
  });

  test("tests: the version's own replace the model's; column tests follow the columns a version keeps", () => {
    const names = (version: typeof v1) => version.tests.map((t) => `${t.testName}${t.columnName ? `(${t.columnName})` : ''}`);
    expect(names(v1)).toEqual(['model_check', 'unique(id)', 'not_null(amount)']);
    expect(names(v2)).toEqual(['unique(id)', 'not_null(currency)']);
    expect(names(mid)).toEqual(['model_check', 'unique(id)', 'not_null(amount)']);
  });

  test("description and config: the version's over the model's", () => {
    expect(v1.description).toBe('Orders');
    expect(v2.description).toBe('Orders, with currency');
    expect(v2.config).toMatchObject({ tags: ['a', 'b'], alias: 'orders_next', materialized: 'table' });
    expect(v1.location.line).toBe(14);
  });

  test('an unknown key in a version is a warning with its line', () => {
    expect(warnings).toEqual([expect.stringMatching(/^models\/schema\.yml:28: unknown key 'colour' in version 1.5 of model 'orders'/)]);
  });
});

test('versions order as numbers when both are numbers, else as strings', () => {
  expect([10, 9, 1.5, 2].sort(compareVersions)).toEqual([1.5, 2, 9, 10]);
  expect(compareVersions('10', 9)).toBeGreaterThan(0);
  expect(['beta', 'alpha'].sort(compareVersions)).toEqual(['alpha', 'beta']);
});

function model(name: string, fields: Partial<Node> = {}): Node {
  return {
    uniqueId: `model.${fields.packageName ?? 'shop'}.${name}${fields.version === undefined ? '' : `.v${fields.version}`}`,
    resourceType: 'model',
    packageName: 'shop',
    name,
    ...fields,
  } as Node;
}

describe('ref lookup', () => {
  const lookup = new RefLookup(
    [
      model('orders', { version: 1, latestVersion: 2 }),
      model('orders', { version: 2, latestVersion: 2 }),
      model('orders', { version: 3, latestVersion: 2 }),
      model('customers'),
      model('customers', { packageName: 'lib', uniqueId: 'model.lib.customers' }),
    ],
    'shop',
  );

  test('a name is the latest version; v= one version, as a number or a string', () => {
    expect(lookup.find({ name: 'orders' })?.uniqueId).toBe('model.shop.orders.v2');
    expect(lookup.find({ name: 'orders', version: 3 })?.uniqueId).toBe('model.shop.orders.v3');
    expect(lookup.find({ name: 'orders', version: '1' })?.uniqueId).toBe('model.shop.orders.v1');
    expect(lookup.find({ name: 'orders', version: 4 })).toBeUndefined();
    expect(lookup.find({ name: 'customers', version: 1 })).toBeUndefined();
  });

  test("without a package: the root project's, then the referring node's package (dbt's _packages_to_search), then any", () => {
    expect(lookup.find({ name: 'customers' }, 'lib')?.uniqueId).toBe('model.shop.customers');
    expect(lookup.find({ name: 'customers' }, 'other')?.uniqueId).toBe('model.shop.customers');
    const packageOnly = new RefLookup(
      [
        model('customers', { packageName: 'lib', uniqueId: 'model.lib.customers' }),
        model('customers', { packageName: 'other', uniqueId: 'model.other.customers' }),
      ],
      'shop',
    );
    expect(packageOnly.find({ name: 'customers' }, 'other')?.uniqueId).toBe('model.other.customers');
    expect(packageOnly.find({ name: 'customers' }, 'lib')?.uniqueId).toBe('model.lib.customers');
    expect(lookup.find({ name: 'customers', package: 'lib' })?.uniqueId).toBe('model.lib.customers');
    expect(lookup.find({ name: 'orders', package: 'lib' })).toBeUndefined();
  });
});

describe('selecting versions', () => {
  const selectable = (name: string, fqn: string[], version?: number): SelectableNode => ({
    uniqueId: `model.shop.${name}${version === undefined ? '' : `.v${version}`}`,
    name,
    resourceType: 'model',
    packageName: 'shop',
    fqn,
    originalFilePath: `models/${name}.sql`,
    tags: [],
    config: {},
    version,
    latestVersion: version === undefined ? undefined : 2,
  });
  const nodes = [
    selectable('orders', ['shop', 'marts', 'orders', 'v1'], 1),
    selectable('orders', ['shop', 'marts', 'orders', 'v2'], 2),
    selectable('orders', ['shop', 'marts', 'orders', 'v3'], 3),
    selectable('orders_v1', ['shop', 'marts', 'orders_v1']),
  ];
  const select = (raw: string) => [...matchCriterion(parseCriterion(raw), nodes)].sort();

  test('by name, name.v<v>, name_v<v> and the fqn', () => {
    expect(select('orders')).toEqual(['model.shop.orders.v1', 'model.shop.orders.v2', 'model.shop.orders.v3']);
    expect(select('orders.v2')).toEqual(['model.shop.orders.v2']);
    expect(select('orders_v1')).toEqual(['model.shop.orders.v1', 'model.shop.orders_v1']);
    expect(select('shop.marts.orders.v3')).toEqual(['model.shop.orders.v3']);
    expect(select('marts.orders')).toEqual(['model.shop.orders.v1', 'model.shop.orders.v2', 'model.shop.orders.v3']);
  });

  test('version:latest|prerelease|old|none', () => {
    expect(select('version:latest')).toEqual(['model.shop.orders.v2']);
    expect(select('version:prerelease')).toEqual(['model.shop.orders.v3']);
    expect(select('version:old')).toEqual(['model.shop.orders.v1']);
    expect(select('version:none')).toEqual(['model.shop.orders_v1']);
  });
});
