import { expectRun, project, rows } from './helpers';

const snapshot = (name: string) => `{% snapshot ${name} %}
{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols='all') }}
select * from {{ ref('src') }}
{% endsnapshot %}
`;

describe('schemas before nodes', () => {
  test('parallel snapshots and models sharing a new schema build without a catalog conflict', async () => {
    const files: Record<string, string> = { 'models/src.sql': 'select 1 as id, 2 as v' };
    for (let i = 0; i < 6; i++) {
      files[`snapshots/s${i}.sql`] = snapshot(`s${i}`);
      files[`models/m${i}.sql`] = `{{ config(schema='extra', materialized='table') }}\nselect * from {{ ref('src') }}`;
    }
    const dir = project(files);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expectRun(dir, 0, 'build', '--threads', '4');
      await expectRun(dir, 0, 'run', '--threads', '4', '--full-refresh');
    }
    expect(await rows(dir, "select count(*)::int as n from information_schema.tables where table_schema in ('snapshots', 'main_extra')")).toEqual([{ n: 12 }]);
  });
});
