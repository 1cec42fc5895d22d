import path from 'node:path';
import { describeSelector } from '../../graph/selector';
import { versionedSearchName } from '../../project/version-order';
import type { ResourceTypeFilter, Session } from '../session';

export interface LsOptions {
  resourceTypes?: ResourceTypeFilter;
  output?: string;
  /** --output-keys: with --output json, only these keys of each resource. */
  outputKeys?: string[];
}

/** `ls`: selected resources, as names, paths, JSON or selectors. */
export function lsCommand(session: Session, options: LsOptions): number {
  const { manifest, reporter } = session;
  const output = options.output ?? 'selector';
  const selected = session.select(options.resourceTypes);
  const lines: string[] = [];
  // dbt's default keys, or any of the resource's properties named by --output-keys.
  const keys = options.outputKeys ?? [];
  const json = (value: Record<string, unknown>, more: Record<string, unknown>) => {
    if (keys.length === 0) return JSON.stringify(value);
    const all = { ...value, ...more };
    return JSON.stringify(Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])));
  };
  for (const id of [...selected].sort()) {
    const node = manifest.nodes.get(id);
    const source = manifest.sources.get(id);
    if (node) {
      // dbt prints a model version by its search name, `dim_customers.v2`.
      if (output === 'name') lines.push(node.version === undefined ? node.name : versionedSearchName(node.name, node.version));
      else if (output === 'path') lines.push(node.originalFilePath);
      else if (output === 'json')
        lines.push(
          json(
            {
              name: node.name,
              resource_type: node.resourceType,
              package_name: node.packageName,
              original_file_path: node.originalFilePath,
              unique_id: node.uniqueId,
              alias: node.alias,
              config: node.config,
              tags: node.config.tags ?? [],
              depends_on: node.dependsOn,
            },
            {
              description: node.description,
              fqn: node.fqn,
              database: node.database,
              schema: node.schema,
              path: node.path,
              columns: node.columns,
              meta: node.config.meta ?? {},
            },
          ),
        );
      else
        lines.push(
          describeSelector({
            uniqueId: id,
            name: node.name,
            resourceType: node.resourceType,
            packageName: node.packageName,
            fqn: node.fqn,
            originalFilePath: node.originalFilePath,
            tags: [],
            config: node.config,
          }),
        );
    } else if (manifest.exposures?.has(id)) {
      const exposure = manifest.exposures.get(id)!;
      if (output === 'name') lines.push(exposure.name);
      else if (output === 'path') lines.push(exposure.originalFilePath);
      else if (output === 'json')
        lines.push(
          json(
            {
              name: exposure.name,
              resource_type: 'exposure',
              package_name: exposure.packageName,
              original_file_path: exposure.originalFilePath,
              unique_id: id,
              tags: exposure.tags,
              depends_on: { nodes: exposure.dependsOn },
            },
            { description: exposure.description, fqn: exposure.fqn, type: exposure.type, owner: exposure.owner, url: exposure.url, meta: exposure.meta },
          ),
        );
      else lines.push(`exposure:${exposure.packageName}.${exposure.name}`);
    } else if (source) {
      if (output === 'name') lines.push(`${source.sourceName}.${source.name}`);
      else if (output === 'path') lines.push(path.posix.normalize(source.originalFilePath));
      else if (output === 'json')
        lines.push(
          json(
            {
              name: source.name,
              source_name: source.sourceName,
              resource_type: 'source',
              package_name: source.packageName,
              original_file_path: source.originalFilePath,
              unique_id: id,
            },
            { description: source.description, fqn: source.fqn, database: source.database, schema: source.schema, columns: source.columns, tags: source.tags },
          ),
        );
      else lines.push(`source:${source.packageName}.${source.sourceName}.${source.name}`);
    }
  }
  if (lines.length === 0) reporter.warn('No nodes selected!', 'NoNodesSelected');
  else reporter.output(lines.join('\n'));
  return 0;
}
