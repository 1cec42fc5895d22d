import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, tsdbt } from '../../helpers/project';

describe('compile, parse, clean, debug (test/fixtures/core-compile)', () => {
  const dir = copyFixture('core-compile');
  const compiledFile = (file: string) => readFileSync(path.join(dir, 'target', 'compiled', 'cafe', file), 'utf8');

  beforeAll(async () => {
    expect((await tsdbt(dir, 'seed', '-q')).code).toBe(0);
    const run = await tsdbt(dir, 'compile');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('models, tests and analyses land at target/compiled/<project>/<original path>', () => {
    expect(compiledFile('analyses/count_expensive.sql')).toBe('select count(*) as n from "cafe"."main"."expensive"');
    expect(compiledFile('tests/no_negative_prices.sql')).toBe('select * from "cafe"."main"."expensive" where double_price < 0');
    expect(compiledFile('models/schema.yml/not_null_expensive_kind.sql')).toMatch(/select kind\s+from "cafe"\."main"\."expensive"\s+where kind is null/);
    expect(compiledFile('models/schema.yml/accepted_values_expensive_kind__latte__mocha.sql')).toMatch(/not in \(\s*'latte','mocha'\s*\)/);
  });

  test('ephemeral models are injected as CTEs, nested ones in dependency order', () => {
    expect(compiledFile('models/expensive.sql')).toBe(
      [
        'with __dbt__cte__base_drinks as (',
        'select kind, price from "cafe"."main"."drinks"',
        '), __dbt__cte__priced_drinks as (',
        'select kind, price * 2 as double_price from __dbt__cte__base_drinks',
        ')',
        'select * from __dbt__cte__priced_drinks',
        'where double_price > 6',
      ].join('\n'),
    );
  });

  test('run_query inside a nested macro reads the seeded table at compile time', () => {
    expect(compiledFile('models/menu.sql').trim()).toBe("select 'espresso,latte,mocha' as kinds");
  });

  test('compile --inline prints one compiled query', async () => {
    const run = await tsdbt(dir, 'compile', '-q', '--inline', 'select * from {{ ref(\'drinks\') }} where kind = \'{{ var("k", "latte") }}\'');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`select * from "cafe"."main"."drinks" where kind = 'latte'`);
    const ephemeral = await tsdbt(dir, 'compile', '-q', '--inline', "select * from {{ ref('base_drinks') }}");
    expect(ephemeral.stdout).toMatch(
      /^with __dbt__cte__base_drinks as \(\nselect kind, price from "cafe"\."main"\."drinks"\n\)\nselect \* from __dbt__cte__base_drinks$/,
    );
  });

  test('compile -s compiles only the selection', async () => {
    const other = copyFixture('core-compile');
    expect((await tsdbt(other, 'compile', '-s', 'base_drinks')).code).toBe(0);
    expect(existsSync(path.join(other, 'target/compiled/cafe/models/staging/base_drinks.sql'))).toBe(true);
    expect(existsSync(path.join(other, 'target/compiled/cafe/models/expensive.sql'))).toBe(false);
  });

  test('parse writes target/manifest.json with dbt main keys', async () => {
    const run = await tsdbt(dir, 'parse');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
    for (const key of ['metadata', 'nodes', 'sources', 'macros', 'parent_map', 'child_map', 'disabled']) expect(manifest).toHaveProperty(key);
    expect(manifest.metadata.project_name ?? manifest.metadata.dbt_schema_version).toBeTruthy();
    // Generic tests carry a hash suffix in their unique id, as in dbt.
    const withoutHash = (ids: string[]) => ids.map((id) => id.replace(/\.[0-9a-f]{10}$/, '')).sort();
    expect(withoutHash(Object.keys(manifest.nodes))).toEqual(
      [
        'analysis.cafe.count_expensive',
        'model.cafe.base_drinks',
        'model.cafe.expensive',
        'model.cafe.menu',
        'model.cafe.priced_drinks',
        'seed.cafe.drinks',
        'test.cafe.accepted_values_expensive_kind__latte__mocha',
        'test.cafe.no_negative_prices',
        'test.cafe.not_null_expensive_kind',
      ].sort(),
    );
    expect(manifest.macros).toHaveProperty(['macro.cafe.drink_kinds']);
    expect(manifest.parent_map['model.cafe.expensive']).toEqual(['model.cafe.priced_drinks']);
    expect(withoutHash(manifest.child_map['model.cafe.expensive'])).toEqual(
      [
        'analysis.cafe.count_expensive',
        'test.cafe.accepted_values_expensive_kind__latte__mocha',
        'test.cafe.no_negative_prices',
        'test.cafe.not_null_expensive_kind',
      ].sort(),
    );
    expect(manifest.nodes['model.cafe.base_drinks'].config.materialized).toBe('ephemeral');
  });

  test('debug prints the project, profile and target and exits 0', async () => {
    const run = await tsdbt(dir, 'debug');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('project: cafe');
    expect(run.stdout).toContain('target: dev');
    expect(run.stdout).toMatch(/Connection test: \[OK/);
  });

  test('clean removes target/', async () => {
    expect(existsSync(path.join(dir, 'target'))).toBe(true);
    const run = await tsdbt(dir, 'clean');
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, 'target'))).toBe(false);
    expect(existsSync(path.join(dir, 'models', 'expensive.sql'))).toBe(true);
  });
});
