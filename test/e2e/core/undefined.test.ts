import { tsdbt, writeProject } from '../../helpers/project';

describe('undefined values in Jinja', () => {
  test("an attribute of an undefined variable is Jinja2's undefined error, naming the variable and the file", async () => {
    const dir = writeProject({ 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': "select 1 as id,\n  '{{ no_such_var.attr }}' as x\n" });
    const run = await tsdbt(dir, 'run');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/models\/a\.sql:\d+: Jinja error: 'no_such_var' is undefined/);
    expect(run.stdout).not.toMatch(/Parser Error/);
  });

  test('a missing key further down names the path that is undefined', async () => {
    const dir = writeProject({ 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': "{% set d = {'a': 1} %}select '{{ d.missing.attr }}' as x\n" });
    const run = await tsdbt(dir, 'run');
    expect(run.stdout).toContain("'d.missing' is undefined");
  });

  test('a bare undefined variable renders empty, as in dbt', async () => {
    const dir = writeProject({ 'project.yml': 'name: demo\nprofile: demo\n', 'models/a.sql': "select '{{ no_such_var }}' as x\n" });
    expect((await tsdbt(dir, 'run')).code).toBe(0);
  });
});
