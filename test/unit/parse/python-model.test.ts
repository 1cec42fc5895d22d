import { pythonModelCalls } from '../../../src/parse/python-model';

describe("a Python model's dbt calls, found as dbt's parser finds them", () => {
  test('refs (with a package or a version), sources and config keywords of every literal kind', () => {
    const code = [
      'import pandas as pd',
      '',
      'def model(dbt, session):',
      "    dbt.config(materialized='incremental', unique_key=\"id\", tags=['a', 'b'], enabled=True, meta=None, batch=2)",
      '    # dbt.ref("commented_out")',
      "    orders = dbt.ref('orders')",
      '    customers = dbt.ref("lib", "customers")',
      "    old = dbt.ref('dim', v=1)",
      "    raw = dbt.source('shop', 'payments')  # dbt.source('no', 'pe')",
      '    text = \'dbt.ref("inside a string") is text\'',
      "    '''A docstring naming dbt.ref('x')'''",
      '    return orders',
    ].join('\n');
    expect(pythonModelCalls(code, 'models/py.py')).toEqual({
      refs: [
        { name: 'orders', line: 6 },
        { package: 'lib', name: 'customers', line: 7 },
        { name: 'dim', version: 1, line: 8 },
      ],
      sourceCalls: [['shop', 'payments']],
      configs: [{ materialized: 'incremental', unique_key: 'id', tags: ['a', 'b'], enabled: true, meta: null, batch: 2 }],
    });
  });

  test('a call built from variables is refused with its file and line', () => {
    expect(() => pythonModelCalls('def model(dbt, session):\n    name = "x"\n    return dbt.ref(name)\n', 'models/p.py')).toThrow(
      expect.objectContaining({ location: { file: 'models/p.py', line: 3 } }),
    );
    expect(() => pythonModelCalls("dbt.source('only_one')", 'models/p.py')).toThrow(/source name and a table name/);
    expect(() => pythonModelCalls("dbt.config('table')", 'models/p.py')).toThrow(/keyword arguments only/);
  });
});
