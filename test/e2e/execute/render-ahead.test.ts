import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryResult } from '../../../src/adapters/adapter';
import { Compiler } from '../../../src/compile/compiler';
import { loadProject } from '../../../src/parse/partial-parse';
import { expectRun, project, rows } from './helpers';

/** Line numbers of the first line of `stdout` matching each pattern, in the order given. */
function positions(stdout: string, patterns: RegExp[]): number[] {
  const lines = stdout.split('\n');
  return patterns.map((pattern) => lines.findIndex((line) => pattern.test(line)));
}

// While the warehouse builds one node, the next renders (Compiler.prepare); what a render prints or asks must still
// come in that node's turn.
describe('rendering the next node while one runs', () => {
  test("a model's log lines come between its START and its result, with one thread", async () => {
    const model = (name: string) => `{% if execute %}{{ log('rendering ${name}', info=True) }}{% endif %}select 1 as id`;
    const dir = project({ 'models/a.sql': model('a'), 'models/b.sql': model('b'), 'models/c.sql': model('c') });
    const { stdout } = await expectRun(dir, 0, 'run', '--threads', '1');
    const order = positions(stdout, [
      /START sql view model main\.a /,
      /rendering a$/,
      /OK created sql view model main\.a /,
      /START sql view model main\.b /,
      /rendering b$/,
      /OK created sql view model main\.b /,
      /START sql view model main\.c /,
      /rendering c$/,
      /OK created sql view model main\.c /,
    ]);
    expect(order.every((line) => line >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  test('a render that asks the database stops ahead of its turn and queries in it', async () => {
    const dir = project({
      'models/b.sql': "{% set n = run_query('select 41 + 1').columns[0].values()[0] if execute else 0 %}select {{ n }} as answer",
      'profiles.yml': 'p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: p.duckdb\n',
    });
    const parsed = loadProject({ projectDir: dir, profilesDir: dir, partialParse: false });
    const asked: string[] = [];
    const compiler = new Compiler(parsed, { fullRefresh: false, empty: false }, async (sql) => {
      asked.push(sql);
      const answer: QueryResult = { columns: [{ name: 'answer', type: 'INTEGER' }], rows: [{ answer: 42 }] };
      return answer;
    });
    const node = [...parsed.manifest.nodes.values()].find((n) => n.name === 'b')!;
    compiler.prepare(node);
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([]);
    expect((await compiler.compile(node)).sql).toBe('select 42 as answer');
    expect(asked).toEqual(['select 41 + 1']);
  });

  test('a model rendered ahead gets the ephemeral models it reads as CTEs, parents first', async () => {
    const dir = project({
      'models/e1.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
      'models/e2.sql': "{{ config(materialized='ephemeral') }}select id + 1 as id from {{ ref('e1') }}",
      'models/a.sql': "select * from {{ ref('e2') }}",
      'models/b.sql': "select id * 10 as id from {{ ref('e2') }}",
    });
    await expectRun(dir, 0, 'run', '--threads', '1');
    const compiled = readFileSync(path.join(dir, 'target', 'compiled', 'p', 'models', 'b.sql'), 'utf8');
    expect(compiled.indexOf('__dbt__cte__e1 as')).toBeLessThan(compiled.indexOf('__dbt__cte__e2 as'));
    expect(await rows(dir, 'select id from b')).toEqual([{ id: 20 }]);
  });

  test('a model that fails to render fails in its turn, and the others build', async () => {
    const dir = project({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select {{ exceptions.raise_compiler_error('b is broken') if execute else 1 }} as id",
      'models/c.sql': 'select 3 as id',
    });
    const { stdout } = await expectRun(dir, 1, 'run', '--threads', '1');
    const order = positions(stdout, [/OK created sql view model main\.a /, /START sql view model main\.b /, /ERROR creating sql view model main\.b /]);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(stdout).toMatch(/b is broken/);
    expect(await rows(dir, 'select id from c')).toEqual([{ id: 3 }]);
  });
});
