import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

/*
 * A YAML float stays a float in Jinja, whole or not, as PyYAML loads it: `1.0` prints `1.0`, not `1`. Expected output
 * from python3: yaml.safe_load of the same YAML, rendered by jinja2 3.1.
 */
describe('floats from YAML', () => {
  test('vars from the project file and --vars, model meta from properties, fromyaml and toyaml: whole floats print as Python prints them', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\nvars:\n  rate: 1.0\n  ratio: 0.5\n  big: 1.0e+20\n  items: [1.0, 2]\n  nested: {k: 10.0}\n',
      'models/schema.yml': 'models:\n  - name: probe\n    config:\n      meta:\n        weight: 3.0\n',
      'models/probe.sql': [
        'select \'{{ var("rate") }}|{{ var("rate") * 2 }}|{{ var("ratio") }}|{{ var("big") }}|{{ var("items") }}|{{ var("nested") }}\' as from_project,',
        '  \'{{ var("cli") }}|{{ var("rate") | int }}|{{ var("rate") is float }}|{{ var("nested") | tojson }}\' as more,',
        '  \'{{ config.get("meta")["weight"] }}|{{ fromyaml("a: 4.0")["a"] }}|{{ toyaml(var("nested")) | trim }}\' as elsewhere',
        '',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'compile', '--vars', '{cli: 2.0}');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const compiled = readFileSync(path.join(dir, 'target/compiled/demo/models/probe.sql'), 'utf8');
    expect(compiled).toContain("'1.0|2.0|0.5|1e+20|[1.0, 2]|{'k': 10.0}' as from_project");
    expect(compiled).toContain('\'2.0|1|True|{"k": 10.0}\' as more');
    expect(compiled).toContain("'3.0|4.0|k: 10.0' as elsewhere");

    // The second compile reuses the parse kept in target/: the floats in its configs are floats still.
    const again = await tsdbt(dir, 'compile', '--vars', '{cli: 2.0}', '--debug');
    expect(again.stdout).toContain('Partial parsing: nothing changed');
    expect(readFileSync(path.join(dir, 'target/compiled/demo/models/probe.sql'), 'utf8')).toBe(compiled);
  });

  test('a whole float in a unit test row of a table that does not exist yet is a number column, not text', async () => {
    const dir = writeProject({
      'project.yml': 'name: demo\nprofile: demo\n',
      'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: payments\n',
      'models/plus_half.sql': "select id, amount + 0.5 as total, typeof(amount) as amount_type from {{ source('raw', 'payments') }}\n",
      'models/unit.yml': [
        'unit_tests:',
        '  - name: adds_half',
        '    model: plus_half',
        '    given:',
        "      - input: source('raw', 'payments')",
        '        rows: [{id: 1, amount: 10.0}]',
        '    expect:',
        '      rows: [{id: 1, total: 10.5, amount_type: DOUBLE}]',
        '',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'test');
    expect(run.stdout).toMatch(/PASS=1 WARN=0 ERROR=0/);
  });
});
