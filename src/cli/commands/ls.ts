import path from 'node:path';
import { describeSelector } from '../../graph/selector';
import { ProjectError } from '../../errors';
import type { Session } from '../session';

export interface LsOptions {
  resourceType?: string[];
  output?: string;
}

/** `ls`: selected resources, as names, paths, JSON or selectors. */
export function lsCommand(session: Session, options: LsOptions): number {
  const { manifest, reporter } = session;
  const output = options.output ?? 'selector';
  if (!['name', 'path', 'json', 'selector'].includes(output)) throw new ProjectError(`--output must be name, path, json or selector, not '${output}'`);
  const types = new Set((options.resourceType ?? []).flatMap((t) => t.split(',')).map((t) => (t === 'data_test' ? 'test' : t)));
  const selected = session.select();
  const lines: string[] = [];
  for (const id of [...selected].sort()) {
    const node = manifest.nodes.get(id);
    const source = manifest.sources.get(id);
    const resourceType = node?.resourceType ?? 'source';
    if (types.size > 0 && !types.has(resourceType) && !types.has('all')) continue;
    if (node) {
      if (output === 'name') lines.push(node.name);
      else if (output === 'path') lines.push(node.originalFilePath);
      else if (output === 'json')
        lines.push(
          JSON.stringify({
            name: node.name,
            resource_type: node.resourceType,
            package_name: node.packageName,
            original_file_path: node.originalFilePath,
            unique_id: node.uniqueId,
            alias: node.alias,
            config: node.config,
            tags: node.config.tags ?? [],
            depends_on: node.dependsOn,
          }),
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
    } else if (source) {
      if (output === 'name') lines.push(`${source.sourceName}.${source.name}`);
      else if (output === 'path') lines.push(path.posix.normalize(source.originalFilePath));
      else if (output === 'json')
        lines.push(
          JSON.stringify({
            name: source.name,
            source_name: source.sourceName,
            resource_type: 'source',
            package_name: source.packageName,
            original_file_path: source.originalFilePath,
            unique_id: id,
          }),
        );
      else lines.push(`source:${source.packageName}.${source.sourceName}.${source.name}`);
    }
  }
  if (lines.length === 0) reporter.warn('No nodes selected!');
  else reporter.output(lines.join('\n'));
  return 0;
}
