import { project, runResults } from './helpers';
import { tsdbt } from '../helpers/project';
test('scratch', async () => {
  const dir = project({
      'seeds/countries.csv': 'code,name\nFR,France\nDE,Germany\n',
  'models/users.sql': "select 1 as id, 'FR' as country, 'active' as status union all select 2, 'DE', 'active' union all select 3, 'XX', 'gone' union all select 3, null, 'active'",
      'models/n.sql': 'select 1 as k union all select 5',
      'macros/is_small.sql': '{% test is_small(model, column_name, below=3) %}select * from {{ model }} where {{ column_name }} >= {{ below }}{% endtest %}',
      'tests/generic/has_rows.sql': '{% test has_rows(model, at_least) %}select 1 from (select count(*) as n from {{ model }}) c where n < {{ at_least }}{% endtest %}',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: users',
        '    columns:',
        '      - name: country',
        '        tests:',
        '          - accepted_values:',
        "              values: ['FR', 'DE']",
        '  - name: n',
        '    tests:',
        '      - has_rows: {at_least: 3}',
        '      - unique: {column_name: k}',
        '    columns:',
        '      - name: k',
        '        tests:',
        '          - is_small',
        '          - is_small: {below: 10, name: k_below_ten}',
        '',
      ].join('\n'),
  });
  const r = await tsdbt(dir, 'build');
  console.log(r.stdout, r.stderr, JSON.stringify(runResults(dir).results.map((x) => [x.unique_id, x.message, x.compiled_code]), null, 1));
});
