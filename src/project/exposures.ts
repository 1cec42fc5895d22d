import { ProjectError, type ErrorCollector } from '../errors';
import type { SourceLocation } from '../errors/tsdbt-error';
import { isPlainObject, type YamlFile } from './yaml-file';

/** An exposure: a dashboard, notebook or application that reads models and sources (dbt's `exposures:`). */
export interface Exposure {
  uniqueId: string;
  name: string;
  packageName: string;
  fqn: string[];
  originalFilePath: string;
  type: string;
  owner: Record<string, unknown>;
  description: string;
  label?: string;
  maturity?: string;
  url?: string;
  tags: string[];
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  /** The unique ids of the models, seeds, snapshots and sources it reads. */
  dependsOn: string[];
  /** Its `depends_on` as dbt records the calls: refs by name, sources as [source, table]. */
  refs: { name: string; package: string | null; version: string | number | null }[];
  sources: [string, string][];
}

/** A group of models with an owner (dbt's `groups:`). */
export interface Group {
  uniqueId: string;
  name: string;
  packageName: string;
  originalFilePath: string;
  owner: Record<string, unknown>;
  description?: string;
  config: { meta: Record<string, unknown> };
}

/** An `exposures:` or `groups:` entry as written, with where it was written. */
export interface YamlEntry {
  value: Record<string, unknown>;
  location: SourceLocation;
  /** The project or package whose YAML declares it. */
  packageName: string;
}

/** Collects the `key:` entries (exposures, groups, the semantic layer's) of one properties file. */
export function readEntries(
  yaml: YamlFile,
  key: 'exposures' | 'groups' | 'semantic_models' | 'metrics' | 'saved_queries',
  into: YamlEntry[],
  errors: ErrorCollector,
  packageName: string,
): void {
  const list = isPlainObject(yaml.value) ? yaml.value[key] : undefined;
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    errors.add(new ProjectError(`\`${key}:\` must be a list of entries with \`name:\``, { file: yaml.file, line: yaml.lineOf([key]) }));
    return;
  }
  list.forEach((value, i) => {
    const location = { file: yaml.file, line: yaml.lineOf([key, i]) };
    if (!isPlainObject(value) || typeof value.name !== 'string') errors.add(new ProjectError(`each entry of \`${key}:\` needs a \`name:\``, location));
    else into.push({ value, location, packageName });
  });
}
