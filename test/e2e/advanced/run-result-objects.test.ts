import { tsdbt, writeProject } from '../../helpers/project';

// As elementary's artifact uploads: on-run-end turns dbt's objects into dicts with to_dict() (a run result, its node,
// its timing entries, the project's vars), then stores them as JSON.
const MACROS = `{% macro record_results() %}
  {% set result = results[0] %}
  {% set as_dict = result.to_dict() %}
  {% set node = result.node.to_dict() %}
  {% set timing_names = [] %}{% for item in result.timing %}{% do timing_names.append(item.to_dict().name) %}{% endfor %}
  {% set project_vars = builtins.ref.config.vars.to_dict() %}
  {% do run_query("create table main.recorded as select '" ~ as_dict.status ~ "' as status, '" ~ node.unique_id ~ "' as node_id, '"
    ~ timing_names | join(',') ~ "' as timing, '" ~ project_vars.region ~ "' as region, '" ~ (as_dict.keys() | sort | join(',')) ~ "' as result_keys, '"
    ~ (result.node | tojson)[:1] ~ "' as json_start, " ~ ('to_dict' in (result | list)) ~ " as listed, '"
    ~ result.thread_id ~ "' as thread_id, '" ~ result.node.compiled_code | trim ~ "' as compiled_code") %}
{% endmacro %}
`;

describe("dbt's objects in on-run-end answer to_dict()", () => {
  test('a run result, its node, its timings and the project vars become dicts; the method is no entry of theirs', async () => {
    const dir = writeProject({
      'project.yml': "name: objects\nvars:\n  region: eu\non-run-end:\n  - '{{ record_results() }}'\n",
      'macros/record.sql': MACROS,
      'models/a.sql': 'select 1 as id\n',
    });
    const run = await tsdbt(dir, 'run');
    expect(run.stdout).toContain('OK hook: objects.on-run-end.0');
    const recorded = await tsdbt(dir, 'show', '--inline', 'select * from main.recorded', '--output', 'json', '-q');
    expect(JSON.parse(recorded.stdout).show).toEqual([
      {
        status: 'success',
        node_id: 'model.objects.a',
        timing: 'compile,execute',
        region: 'eu',
        result_keys: 'adapter_response,execution_time,failures,message,node,status,thread_id,timing',
        json_start: '{',
        listed: false,
        thread_id: 'Thread-1',
        compiled_code: 'select 1 as id',
      },
    ]);
  });
});
