import { didYouMean } from '../errors';
import type { YamlFile } from './yaml-file';

/** The keys dbt reads in properties YAML, by place; anything else is ignored, so a typo is worth a warning. */
export const PROPERTY_KEYS = {
  file: [
    'version',
    'models',
    'seeds',
    'snapshots',
    'analyses',
    'sources',
    'macros',
    'exposures',
    'metrics',
    'semantic_models',
    'saved_queries',
    'unit_tests',
    'groups',
    'data_tests',
  ],
  node: [
    'name',
    'description',
    'config',
    'columns',
    'tests',
    'data_tests',
    'docs',
    'meta',
    'tags',
    'versions',
    'latest_version',
    'deprecation_date',
    'access',
    'group',
    'constraints',
    'relation',
    'time_spine',
    'arguments',
  ],
  version: ['v', 'defined_in', 'description', 'access', 'config', 'constraints', 'docs', 'data_tests', 'tests', 'columns', 'deprecation_date'],
  column: ['name', 'description', 'meta', 'data_type', 'constraints', 'docs', 'tests', 'data_tests', 'tags', 'quote', 'config', 'granularity', 'policy_tags'],
};

/** Warnings for the keys of `entry` that dbt does not read at `path`: file, line, and the nearest known key. */
export function unknownKeyWarnings(
  entry: Record<string, unknown>,
  known: readonly string[],
  path: (string | number)[],
  yaml: YamlFile,
  what: string,
): string[] {
  return Object.keys(entry)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const line = yaml.keyLineOf([...path, key]);
      const hint = didYouMean(key, known);
      return `${yaml.file}${line ? `:${line}` : ''}: unknown key '${key}' in ${what}, ignored${hint ? `; ${hint}` : ''}`;
    });
}
