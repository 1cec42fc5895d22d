import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

describe("dbt's block tags inside Jinja comments", () => {
  test('are ignored: no snapshot, doc, macro or generic test is defined by a commented-out block', async () => {
    const dir = writeProject({
      'project.yml': 'name: commented\n',
      'snapshots/snaps.sql': [
        "{# {% snapshot old_snapshot %}{{ config(unique_key='id', strategy='check', check_cols='all') }}select 1 as id{% endsnapshot %} #}",
        "{% snapshot live_snapshot %}{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='snapshots') }}",
        'select 1 as id {# a comment in the body stays in the raw code #}',
        '{% endsnapshot %}',
      ].join('\n'),
      'models/docs.md': '{#\n{% docs hidden %}old text{% enddocs %}\n#}\n{% docs shown %}text{% enddocs %}\n',
      'macros/m.sql':
        '{# {% macro hidden_macro() %}x{% endmacro %} {% test hidden_test(model) %}select 1{% endtest %} #}\n{% macro shown_macro() %}y{% endmacro %}\n',
      'models/m.sql': 'select 1 as id\n',
    });
    const run = await tsdbt(dir, 'parse');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.nodes).filter((id) => id.startsWith('snapshot.'))).toEqual(['snapshot.commented.live_snapshot']);
    expect(manifest.nodes['snapshot.commented.live_snapshot'].raw_code).toContain('{# a comment in the body stays in the raw code #}');
    expect(Object.keys(manifest.docs).filter((id) => id.startsWith('doc.commented.'))).toEqual(['doc.commented.shown']);
    const macros = Object.keys(manifest.macros).filter((id) => id.startsWith('macro.commented.'));
    expect(macros).toEqual(['macro.commented.shown_macro']);
  });
});
