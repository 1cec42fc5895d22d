import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

const PROJECT = {
  'project.yml': 'name: py\nprofile: py\n',
  'models/orders.sql': 'select 1 as id, 10 as amount',
  'models/scored.py': [
    'def model(dbt, session):',
    "    dbt.config(materialized='table', tags=['ml'])",
    "    orders = dbt.ref('orders').df()",
    "    orders['score'] = orders['amount'] * 2",
    '    return orders',
    '',
  ].join('\n'),
  'models/report.sql': "select * from {{ ref('scored') }}",
  'models/other.sql': "select * from {{ ref('orders') }}",
};

describe('Python models: parsed into the graph as dbt parses them, never run', () => {
  test('ls, selection and manifest.json see them with their refs and config', async () => {
    const dir = writeProject(PROJECT);
    const ls = await tsdbt(dir, 'ls', '-s', 'tag:ml+', '--output', 'name');
    expect(ls.stderr).toBe('');
    expect(ls.stdout.trim().split('\n')).toEqual(['report', 'scored']);
    expect((await tsdbt(dir, 'parse')).code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8')) as {
      nodes: Record<string, { language: string; config: { materialized: string }; depends_on: { nodes: string[] } }>;
    };
    expect(manifest.nodes['model.py.scored']).toMatchObject({
      language: 'python',
      config: { materialized: 'table' },
      depends_on: { nodes: ['model.py.orders'] },
    });
  });

  test('building one fails it with a message naming the file, skips what is built from it, and builds the rest', async () => {
    const dir = writeProject(PROJECT);
    const build = await tsdbt(dir, 'build');
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/Python model scored cannot be built: tsdbt runs SQL models only/);
    expect(build.stdout).toMatch(/models\/scored\.py/);
    expect(build.stdout).toMatch(/PASS=2 WARN=0 ERROR=1 SKIP=1/);
  });
});
