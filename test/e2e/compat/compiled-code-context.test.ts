import { tsdbt, writeProject } from '../../helpers/project';

// As elementary's anomaly tests, which build a query string from `sql` while the test itself compiles: in dbt a node's
// context holds `sql` and `compiled_code` from the start, none until the node is compiled.
describe('sql and compiled_code while a node compiles', () => {
  test('are none (printed None), not undefined', async () => {
    const dir = writeProject({
      'project.yml': 'name: compiling\n',
      'models/a.sql': "select '{{ sql }}' as printed, {{ compiled_code is none }} as is_none, {{ sql is defined }} as is_defined\n",
    });
    const run = await tsdbt(dir, 'run');
    expect(run.stdout).toContain('PASS=1');
    expect(run.stdout + run.stderr).not.toContain('undefined');
    const rows = await tsdbt(dir, 'show', '--inline', 'select * from main.a', '--output', 'json', '-q');
    expect(JSON.parse(rows.stdout).show).toEqual([{ printed: 'None', is_none: true, is_defined: true }]);
  });
});
