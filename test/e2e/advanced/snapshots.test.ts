import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

const SNAPSHOT_SQL = `{% snapshot orders_snapshot %}
{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate') }}
select * from {{ ref('orders') }}
{% endsnapshot %}
`;

const CHECK_YAML = `snapshots:
  - name: orders_check
    relation: ref('orders')
    config:
      unique_key: [id]
      strategy: check
      check_cols: [status]
      hard_deletes: new_record
`;

async function rows(dir: string, sql: string): Promise<string> {
  const run = await tsdbt(dir, 'show', '--inline', sql, '--limit', '50', '--output', 'csv', '-q');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('snapshots', () => {
  test('two runs over changed data give the SCD type 2 history dbt gives', async () => {
    const dir = writeProject({
      'project.yml': 'name: snap\n',
      'seeds/orders.csv': 'id,status,updated_at\n1,open,2024-01-01 00:00:00\n2,open,2024-01-01 00:00:00\n3,open,2024-01-01 00:00:00\n',
      'snapshots/orders_snapshot.sql': SNAPSHOT_SQL,
      'snapshots/snapshots.yml': CHECK_YAML,
      'models/current_orders.sql': "select * from {{ ref('orders_snapshot') }} where dbt_valid_to is null\n",
    });
    expect((await tsdbt(dir, 'build')).code).toBe(0);
    writeFileSync(
      path.join(dir, 'seeds/orders.csv'),
      'id,status,updated_at\n1,shipped,2024-01-02 00:00:00\n2,open,2024-01-01 00:00:00\n4,open,2024-01-03 00:00:00\n',
    );
    const second = await tsdbt(dir, 'build');
    expect(second.stdout).toMatch(/OK created snapshot snapshots\.orders_snapshot/);
    expect(second.code).toBe(0);

    expect(
      await rows(dir, 'select id, status, dbt_valid_from, dbt_valid_to is null as is_current from snapshots.orders_snapshot order by id, dbt_valid_from'),
    ).toBe(
      [
        'id,status,dbt_valid_from,is_current',
        '1,open,2024-01-01 00:00:00,false',
        '1,shipped,2024-01-02 00:00:00,true',
        '2,open,2024-01-01 00:00:00,true',
        '3,open,2024-01-01 00:00:00,false',
        '4,open,2024-01-03 00:00:00,true',
      ].join('\n'),
    );
    expect(await rows(dir, "select dbt_valid_to from snapshots.orders_snapshot where id = 1 and status = 'open'")).toBe('dbt_valid_to\n2024-01-02 00:00:00');
    expect(
      await rows(
        dir,
        'select id, status, dbt_valid_to is null as is_current, dbt_is_deleted from main.orders_check order by id, dbt_valid_from, dbt_is_deleted',
      ),
    ).toBe(
      [
        'id,status,is_current,dbt_is_deleted',
        '1,open,false,False',
        '1,shipped,true,False',
        '2,open,true,False',
        '3,open,false,False',
        '3,open,true,True',
        '4,open,true,False',
      ].join('\n'),
    );
    expect(await rows(dir, 'select count(*) as n from main.current_orders')).toBe('n\n3');
    const ls = await tsdbt(dir, 'ls', '--resource-type', 'snapshot', '--output', 'name');
    expect(ls.stdout.split('\n').sort()).toEqual(['orders_check', 'orders_snapshot']);
  });

  test('a snapshot without unique_key is refused at parse with its file', async () => {
    const dir = writeProject({
      'project.yml': 'name: snap\n',
      'snapshots/bad.sql': "{% snapshot bad %}\n{{ config(strategy='timestamp', updated_at='u') }}\nselect 1 as id, now() as u\n{% endsnapshot %}\n",
    });
    const run = await tsdbt(dir, 'build');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/snapshots\/bad\.sql.*snapshot 'bad' has no unique_key/);
  });
});
