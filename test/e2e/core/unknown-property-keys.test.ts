import { tsdbt, writeProject } from '../../helpers/project';

describe('unknown keys in properties YAML', () => {
  test('are warned with file, line and the nearest known key; known keys are not', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\n',
      'models/a.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: a\n    description: fine\n    colums:\n      - name: id\n        tests: [unique]\n    columns:\n      - name: id\n        descripton: typo\n        data_tests: [not_null]\nmodles: []\n',
    });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).toContain("models/schema.yml:5: unknown key 'colums' in model 'a', ignored; did you mean 'columns'?");
    expect(output).toContain("models/schema.yml:10: unknown key 'descripton' in column 'id' of model 'a', ignored; did you mean 'description'?");
    expect(output).toContain("models/schema.yml:12: unknown key 'modles' in a properties file, ignored; did you mean 'models'?");
    expect(output.match(/unknown key/g)).toHaveLength(3);
  });
});
