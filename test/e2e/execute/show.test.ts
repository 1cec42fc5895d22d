import { expectRun, project } from './helpers';

function withModels() {
  return project({
    'models/nums.sql': "{{ config(materialized='table') }}\nselect range as n, 'v' || range as label from range(8)",
    'analyses/top.sql': "select n from {{ ref('nums') }} where n >= 6 order by n",
  });
}

describe('show and run-analysis', () => {
  test('show --select a model prints the first 5 rows as a table', async () => {
    const dir = withModels();
    await expectRun(dir, 0, 'run');
    const run = await expectRun(dir, 0, 'show', '--select', 'nums', '-q');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe("Previewing node 'nums':");
    expect(lines[1]).toMatch(/^\| n\s*\| label \|$/);
    expect(lines.slice(3)).toHaveLength(5);
    expect(lines[3]).toMatch(/^\| 0 \| v0\s*\|$/);
  });

  test('show --select an analysis, --limit and --output json', async () => {
    const dir = withModels();
    await expectRun(dir, 0, 'run');
    const run = await expectRun(dir, 0, 'show', '--select', 'top', '--limit', '1', '--output', 'json', '-q');
    expect(JSON.parse(run.stdout)).toEqual({ node: 'top', show: [{ n: 6 }] });
  });

  test('show --inline with --output csv', async () => {
    const dir = withModels();
    await expectRun(dir, 0, 'run');
    const run = await expectRun(dir, 0, 'show', '--inline', "select n, 'a,b' as s from {{ ref('nums') }} order by n", '--limit', '2', '--output', 'csv', '-q');
    expect(run.stdout).toBe('n,s\n0,"a,b"\n1,"a,b"');
  });

  test('run-analysis runs an analysis compiled before', async () => {
    const dir = withModels();
    await expectRun(dir, 0, 'run');
    await expectRun(dir, 0, 'compile');
    const run = await expectRun(dir, 0, 'run-analysis', 'top', '--output', 'csv', '-q');
    expect(run.stdout).toBe('n\n6\n7');
  });

  test('run-analysis before compile says what to do', async () => {
    const dir = withModels();
    const run = await expectRun(dir, 2, 'run-analysis', 'top');
    expect(run.stderr).toMatch(/run `tsdbt compile` first/);
  });
});
