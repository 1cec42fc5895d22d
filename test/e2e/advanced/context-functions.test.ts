import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

function compiled(dir: string, model: string): string {
  const root = path.join(dir, 'target', 'compiled');
  const file = (readdirSync(root, { recursive: true }) as string[]).find((f) => path.basename(f) === `${model}.sql`);
  return readFileSync(path.join(root, file!), 'utf8').trim();
}

/** Each line of the model renders one context function; expected values are Python dbt's. */
const LINES: [string, string][] = [
  ['{{ set_strict([1, 2, 1]) | list }} {{ set([2, 1, 2]) }} {{ set([1, 2]) == set([2, 1]) }}', '[1, 2] {2, 1} True'],
  ['{{ set([[1]]) }}', 'None'],
  ['{{ zip_strict([1, 2], ["a", "b", "c"]) | list }}', "[(1, 'a'), (2, 'b')]"],
  ['{{ fromyaml("a: 1\\nb: [x, y]") }}', "{'a': 1, 'b': ['x', 'y']}"],
  ['{{ toyaml({"a": 1, "b": ["x"]}) | trim }}', 'a: 1\nb:\n  - x'],
  ['{{ tojson({"a": [1, none]}) }}', '{"a": [1, null]}'],
  ['{{ diff_of_two_dicts({"s": ["A", "b"], "t": ["c"]}, {"S": ["a"]}) }}', "{'s': ['b'], 't': ['c']}"],
  ['{{ invocation_args_dict.which }}', 'compile'],
  // dbt leaves out the flags that have no value, so that `key in invocation_args_dict` means it has one.
  ['{{ "warn_error_options" in invocation_args_dict }} {{ invocation_args_dict.values() | select("undefined") | list }}', 'False []'],
  ['{{ thread_id is string }}', 'True'],
  ['{{ try_or_compiler_error("bad", fromjson, "[1]") }}', '[1]'],
  ['{{ render("{{ 1 + 1 }}") }}', '2'],
  ['{{ api.Column.translate_type("string") }} {{ api.Column.translate_type("integer") }}', 'TEXT integer'],
  [
    '{{ api.Column.string_type(10) }} {{ api.Column.numeric_type("numeric", 12, 2) }} {{ api.Column.numeric_type("numeric", none, 2) }}',
    'character varying(10) numeric(12,2) numeric',
  ],
  ['{{ api.Column.create("c", "STRING").dtype }}', 'TEXT'],
  ['{% set xs = [1] %}{% do xs.clear() %}{{ xs }}', '[]'],
  // As dbt-duckdb: in the temp catalog (no database, no schema), the name made unique with py_current_timestring().
  ['{% set t = dbt.make_temp_relation(this) %}{{ t.identifier[:10] }} {{ t.identifier | length }} {{ t.schema }} {{ t.database }}', 'm__dbt_tmp 30 None None'],
  ['{{ dbt.get_create_table_as_sql(false, this, "select 1") | replace("\\n", " ") }}', 'create table "p"."main"."m" as ( select 1 )'],
  ['{{ context_macro_stack.depth }} {{ probe_stack() | trim }}', '0 1 macro.p.probe_stack'],
  ['{{ dbt.run_query is defined }} {{ dbt.load_relation is defined }}', 'True True'],
];

describe('base-context functions, as dbt defines them', () => {
  test('render as in dbt', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'macros/probe.sql': '{% macro probe_stack() %}{{ context_macro_stack.depth }} {{ context_macro_stack.call_stack | join(",") }}{% endmacro %}',
      'models/m.sql': LINES.map(([template]) => template).join('\n---\n'),
    });
    const run = await tsdbt(dir, 'compile', '--select', 'm');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'm').split('\n---\n')).toEqual(LINES.map(([, want]) => want));
  });

  test("dbt_metadata_envs and the artifacts' metadata.env: the DBT_ENV_CUSTOM_ENV_ variables, without the prefix", async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'macros/show.sql': '{% macro show_envs() %}{% do print(dbt_metadata_envs | tojson) %}{% endmacro %}',
    });
    process.env.DBT_ENV_CUSTOM_ENV_FAVOURITE_PACKAGE = 'dbt_artifacts';
    try {
      const op = await tsdbt(dir, 'run-operation', 'show_envs', '-q');
      expect((await tsdbt(dir, 'parse')).code).toBe(0);
      expect(op.stdout.trim()).toBe('{"FAVOURITE_PACKAGE": "dbt_artifacts"}');
      expect(JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8')).metadata.env).toEqual({ FAVOURITE_PACKAGE: 'dbt_artifacts' });
    } finally {
      delete process.env.DBT_ENV_CUSTOM_ENV_FAVOURITE_PACKAGE;
    }
  });

  test('adapter.dispatch with the packages= argument of dbt 0.x fails as in dbt 1.x, saying what to pass instead', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'macros/old.sql': "{% macro old() %}{{ adapter.dispatch('old', packages=['p'])() }}{% endmacro %}{% macro default__old() %}1{% endmacro %}",
      'models/m.sql': 'select {{ old() }} as x',
    });
    const run = await tsdbt(dir, 'compile');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/adapter\.dispatch\('old'\): the "packages" argument was removed in dbt 1\.0[\s\S]*macro_namespace/);
  });

  test('graph.nodes.values() outside `if execute` renders empty while parsing and lists the nodes once they run', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "{% set models = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | list %}select {{ models | length }} as n",
    });
    const run = await tsdbt(dir, 'compile', '--select', 'b');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'b')).toBe('select 2 as n');
  });

  test("config.get and config.require give '' while parsing, as dbt's parse-time config does, and the values once nodes run", async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'models/m.sql': [
        "{{ config(materialized='table', tags=['unit-test']) }}",
        "{% if not execute and ('unit-test' in config.get('tags', []) or config.require('materialized') != '') %}{{ exceptions.raise_compiler_error('config seen while parsing') }}{% endif %}",
        "select '{{ config.get('materialized') }}' as m",
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'compile', '--select', 'm');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'm')).toMatch(/select 'table' as m$/);
  });

  test('context keeps what macros put in it with update() for the rest of the node, and each node has its own', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'macros/store.sql': [
        '{% macro remember(v) %}{% set seen = context.get("__seen__", []) %}{% do context.update({"__seen__": seen + [v]}) %}{% endmacro %}',
        '{% macro recall() %}{{ return(context.get("__seen__", []) | join(",")) }}{% endmacro %}',
      ].join('\n'),
      'models/a.sql': "{{ remember('x') }}{{ remember('y') }}select '{{ recall() }}' as seen",
      'models/b.sql': "select '{{ recall() }}' as seen",
    });
    const run = await tsdbt(dir, 'compile');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'a')).toBe("select 'x,y' as seen");
    expect(compiled(dir, 'b')).toBe("select '' as seen");
  });

  test('a query run inside render() of some Jinja text is answered like one of the node itself', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'models/m.sql': [
        `{% set inner = "{% if execute %}{{ run_query('select 41 + 1 as x').columns[0].values()[0] }}{% else %}0{% endif %}" %}`,
        'select {{ render(inner) }} as x',
      ].join('\n'),
    });
    const run = await tsdbt(dir, 'compile', '--select', 'm');
    expect(run.stderr).toBe('');
    expect(compiled(dir, 'm')).toBe('select 42 as x');
  });

  test('print() writes the text as it is to stdout; selected_resources lists the selection', async () => {
    const dir = writeProject({
      'project.yml': 'name: p\nprofile: p\n',
      'macros/emit.sql': "{% macro emit() %}{% do print('models:\\n  - name: a') %}{% do print(selected_resources | sort | join(',')) %}{% endmacro %}",
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select 1 as id -- {{ print(selected_resources | sort | join(',')) }}",
    });
    const op = await tsdbt(dir, 'run-operation', 'emit');
    expect(op.code).toBe(0);
    expect(op.stdout.split('\n').slice(-3)).toEqual(['models:', '  - name: a', '']);
    const compile = await tsdbt(dir, 'compile', '--select', 'b', '-q');
    expect(compile.stdout).toContain('model.p.b');
    expect(compile.stdout).not.toContain('model.p.a');
  });
});
