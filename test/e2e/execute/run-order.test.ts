import { expectRun, project, statusOf } from './helpers';

describe("dbt's run order", () => {
  test('with one thread, seeds read through source() load before the source tests of the same depth', async () => {
    const dir = project({
      'seeds/raw_users.csv': 'id,name\n1,ann\n2,bob\n',
      'models/sources.yml':
        'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: raw_users\n        columns:\n          - name: id\n            tests: [not_null, unique]\n',
      'models/users.sql': "select * from {{ source('raw', 'raw_users') }}",
    });
    await expectRun(dir, 0, 'build', '--threads', '1');
    expect(Object.values(statusOf(dir)).every((s) => s === 'success' || s === 'pass')).toBe(true);
  });
});
