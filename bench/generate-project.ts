/**
 * A synthetic dbt project of N models in a layered DAG, for timing tsdbt at sizes no real project
 * in the repository reaches. Same options, same bytes.
 *
 * Shape: layer 0 is staging views over two seeds; every later model refs 1-3 models of the few
 * layers before it. Views and ephemeral models only read tables (or seeds), because DuckDB
 * expands nested views when binding: views over views over views grow exponentially in cost and
 * would time DuckDB's binder instead of tsdbt. Every model keeps one row per id (left joins on a
 * unique id), so table sizes stay at the seed size whatever the depth.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Random } from '../scripts/streamflix/random';

export interface GenerateProjectOptions {
  /** Number of models. */
  models: number;
  outDir: string;
  /** Models per layer; default about sqrt(models). A big width and few layers make a wide DAG. */
  layerWidth?: number;
  /** Rows in each seed. */
  seedRows?: number;
  seed?: number;
  /** Project name, also the DuckDB file name of the default target. */
  name?: string;
  /** Share of models that are views and ephemeral (the rest are tables). */
  viewShare?: number;
  ephemeralShare?: number;
  /** Share of models with unique + not_null tests on their id. */
  testedShare?: number;
}

export type Materialization = 'table' | 'view' | 'ephemeral';

export interface SyntheticModel {
  name: string;
  layer: number;
  materialized: Materialization;
  /** Names of the models (or seeds) it refs, first one drives the rows. */
  parents: string[];
  tested: boolean;
}

export interface GeneratedProject {
  dir: string;
  name: string;
  models: SyntheticModel[];
  seeds: string[];
  tests: number;
}

const SEEDS = ['seed_customers', 'seed_orders'] as const;
const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta'];
/** How many layers back a model may ref: keeps the DAG layered without one long chain. */
const REACH = 3;

/** Decides the DAG (pure, deterministic); `writeProject` puts it on disk. */
export function planModels(options: Omit<GenerateProjectOptions, 'outDir'>): SyntheticModel[] {
  const random = new Random(options.seed ?? 7);
  const width = Math.max(1, options.layerWidth ?? Math.ceil(Math.sqrt(options.models)));
  const viewShare = options.viewShare ?? 0.25;
  const ephemeralShare = options.ephemeralShare ?? 0.1;
  const testedShare = options.testedShare ?? 0.5;
  const models: SyntheticModel[] = [];
  const tablesByLayer: string[][] = [];
  const allByLayer: string[][] = [];
  for (let i = 0; i < options.models; i++) {
    const layer = Math.floor(i / width);
    tablesByLayer[layer] ??= [];
    allByLayer[layer] ??= [];
    const name = `m${String(i).padStart(6, '0')}`;
    let materialized: Materialization;
    let parents: string[];
    if (layer === 0) {
      materialized = 'view';
      parents = [SEEDS[i % 2], SEEDS[(i + 1) % 2]];
    } else {
      const roll = random.next();
      materialized = roll < viewShare ? 'view' : roll < viewShare + ephemeralShare ? 'ephemeral' : 'table';
      const readsOnlyTables = materialized !== 'table';
      const pool = candidates(readsOnlyTables ? tablesByLayer : allByLayer, layer);
      parents = pool.length === 0 ? [SEEDS[i % 2]] : distinctPicks(random, pool, random.int(1, 3));
    }
    const tested = materialized !== 'ephemeral' && random.chance(testedShare);
    models.push({ name, layer, materialized, parents, tested });
    allByLayer[layer].push(name);
    // Layer-0 views only read seeds, so they are as cheap to bind as tables.
    if (materialized === 'table' || layer === 0) tablesByLayer[layer].push(name);
  }
  return models;
}

function candidates(byLayer: string[][], layer: number): string[] {
  const pool: string[] = [];
  for (let l = Math.max(0, layer - REACH); l < layer; l++) pool.push(...(byLayer[l] ?? []));
  return pool;
}

function distinctPicks(random: Random, pool: string[], count: number): string[] {
  const picked = new Set<string>();
  const wanted = Math.min(count, pool.length);
  while (picked.size < wanted) picked.add(random.pick(pool));
  return [...picked];
}

/** Writes the project (project.yml, models with schema.yml per layer, macros, seeds) into a fresh `outDir`. */
export function generateProject(options: GenerateProjectOptions): GeneratedProject {
  const name = options.name ?? 'synthetic';
  const models = planModels(options);
  const dir = path.resolve(options.outDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'macros'), { recursive: true });
  mkdirSync(path.join(dir, 'seeds'), { recursive: true });
  writeFileSync(path.join(dir, 'project.yml'), projectYml(name));
  writeFileSync(path.join(dir, 'macros', 'bench_macros.sql'), MACROS);
  writeSeeds(path.join(dir, 'seeds'), options.seedRows ?? 100);
  const byLayer = new Map<number, SyntheticModel[]>();
  for (const model of models) byLayer.set(model.layer, [...(byLayer.get(model.layer) ?? []), model]);
  let tests = 0;
  for (const [layer, layerModels] of byLayer) {
    const folder = path.join(dir, 'models', `layer_${String(layer).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (const model of layerModels) writeFileSync(path.join(folder, `${model.name}.sql`), modelSql(model));
    const tested = layerModels.filter((m) => m.tested);
    tests += tested.length * 2;
    if (tested.length > 0) writeFileSync(path.join(folder, 'schema.yml'), schemaYml(tested));
  }
  return { dir, name, models, seeds: [...SEEDS], tests };
}

function projectYml(name: string): string {
  return [
    `name: ${name}`,
    `version: '1.0.0'`,
    `profile: ${name}`,
    `model-paths: ['models']`,
    `seed-paths: ['seeds']`,
    `macro-paths: ['macros']`,
    `models:`,
    `  ${name}:`,
    `    +materialized: table`,
    '',
  ].join('\n');
}

const MACROS = `{% macro scaled(column, factor) -%}
round({{ column }} * {{ factor }}, 2)
{%- endmacro %}

{% macro bucket(column) -%}
case when {{ column }} < 100 then 'small' when {{ column }} < 1000 then 'medium' else 'large' end
{%- endmacro %}

{% macro safe_label(column) -%}
coalesce(nullif(trim({{ column }}), ''), 'unknown')
{%- endmacro %}
`;

function modelSql(model: SyntheticModel): string {
  const config = model.materialized === 'table' ? '' : `{{ config(materialized='${model.materialized}') }}\n`;
  const [first, ...others] = model.parents;
  const aliasOf = (index: number) => `p${index}`;
  const amount = [`${aliasOf(0)}.amount`, ...others.map((_, i) => `coalesce(${aliasOf(i + 1)}.amount, 0)`)].join(' + ');
  const factor = (model.layer % 3) + 1;
  const joins = others.map((parent, i) => `left join {{ ref('${parent}') }} as ${aliasOf(i + 1)} on ${aliasOf(i + 1)}.id = p0.id`);
  return (
    config +
    [
      `-- layer ${model.layer}`,
      `select`,
      `    p0.id,`,
      `    {{ safe_label('p0.category') }} as category,`,
      `    {{ scaled('(${amount})', ${factor}) }} / ${model.parents.length} as amount,`,
      `    {{ bucket('p0.amount') }} as size`,
      `from {{ ref('${first}') }} as p0`,
      ...joins,
      '',
    ].join('\n')
  );
}

function schemaYml(models: SyntheticModel[]): string {
  const lines = ['version: 2', '', 'models:'];
  for (const model of models) {
    lines.push(`  - name: ${model.name}`, `    columns:`, `      - name: id`, `        data_tests: [unique, not_null]`);
  }
  return lines.join('\n') + '\n';
}

function writeSeeds(folder: string, rows: number): void {
  const customers = ['id,category,amount'];
  const orders = ['id,category,amount'];
  for (let id = 1; id <= rows; id++) {
    customers.push(`${id},${CATEGORIES[id % CATEGORIES.length]},${(id * 37) % 2000}`);
    orders.push(`${id},${CATEGORIES[(id * 3) % CATEGORIES.length]},${(id * 53) % 1500}.5`);
  }
  writeFileSync(path.join(folder, 'seed_customers.csv'), customers.join('\n') + '\n');
  writeFileSync(path.join(folder, 'seed_orders.csv'), orders.join('\n') + '\n');
}
