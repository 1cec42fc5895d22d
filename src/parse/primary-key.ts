import type { Node } from '../project/types';

const UNIQUE_TESTS = ['unique', 'unique_combination_of_columns'];

/**
 * A model's primary key as dbt infers it (manifest `primary_key`, sorted): a `primary_key` constraint of the model,
 * else of a column; else the columns with both a unique and a not_null test; else those with an enabled unique test
 * (`unique` or `unique_combination_of_columns`); else those with a disabled one. `tests` are the generic tests attached
 * to the model, enabled or not.
 */
export function inferPrimaryKey(model: Pick<Node, 'constraints' | 'columns'>, tests: Pick<Node, 'testMetadata' | 'config'>[]): string[] {
  const modelKey = model.constraints?.find((c) => c.type === 'primary_key');
  if (modelKey) return (Array.isArray(modelKey.columns) ? modelKey.columns.map(String) : []).sort();
  for (const [name, column] of Object.entries(model.columns)) if (column.constraints?.some((c) => c.type === 'primary_key')) return [name];
  const enabledUnique = new Set<string>();
  const disabledUnique = new Set<string>();
  const notNull = new Set<string>();
  for (const test of tests) {
    const meta = test.testMetadata;
    if (!meta) continue;
    const { column_name: column, combination_of_columns: combination } = meta.kwargs;
    const columns = typeof column === 'string' ? [column] : Array.isArray(combination) ? combination.filter((c): c is string => typeof c === 'string') : [];
    for (const name of columns) {
      if (UNIQUE_TESTS.includes(meta.name)) (test.config.enabled === false ? disabledUnique : enabledUnique).add(name);
      else if (meta.name === 'not_null') notNull.add(name);
    }
  }
  const both = [...notNull].filter((name) => enabledUnique.has(name) || disabledUnique.has(name));
  for (const found of [both, [...enabledUnique], [...disabledUnique]]) if (found.length > 0) return found.sort();
  return [];
}
