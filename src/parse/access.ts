import { ProjectError, didYouMean, type ErrorCollector } from '../errors';
import type { Node } from '../project/types';
import type { Group, YamlEntry } from '../project/exposures';
import { isPlainObject } from '../project/yaml-file';
import type { Manifest } from './manifest';

const ACCESS = ['private', 'protected', 'public'];

/** The `groups:` entries of the project and its packages, as dbt's manifest has them. */
export function buildGroups(entries: YamlEntry[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const { value, location, packageName } of entries) {
    const uniqueId = `group.${packageName}.${String(value.name)}`;
    groups.set(uniqueId, {
      uniqueId,
      name: String(value.name),
      packageName,
      originalFilePath: location.file,
      owner: isPlainObject(value.owner) ? value.owner : {},
      description: typeof value.description === 'string' ? value.description : undefined,
      config: { meta: isPlainObject(value.config) && isPlainObject(value.config.meta) ? value.config.meta : {} },
    });
  }
  return groups;
}

/**
 * dbt's groups and model access: a node's `group` must be declared under `groups:`, `access` is private, protected or
 * public, and a private model may be referenced only from its own group (tests take the group of the node they test).
 */
export function checkGroupsAndAccess(manifest: Manifest, groups: YamlEntry[], errors: ErrorCollector): void {
  const names = new Set(groups.map((g) => String(g.value.name)));
  const groupOf = (node: Node): string | undefined => {
    if (node.config.group !== undefined && node.config.group !== null) return String(node.config.group);
    const tested = node.resourceType === 'test' && node.attachedNode ? manifest.nodes.get(node.attachedNode) : undefined;
    return tested ? groupOf(tested) : undefined;
  };
  for (const node of manifest.nodes.values()) {
    const where = { file: node.originalFilePath, line: 1 };
    const group = node.config.group;
    if (group !== undefined && group !== null && !names.has(String(group))) {
      errors.add(
        new ProjectError(
          `${node.resourceType} '${node.name}' is in group '${String(group)}', which is not defined`,
          where,
          didYouMean(String(group), names) ?? 'declare it under `groups:` (name and owner) in a YAML file',
        ),
      );
    }
    const access = node.config.access;
    if (node.resourceType === 'model' && access !== undefined && !ACCESS.includes(String(access))) {
      errors.add(new ProjectError(`model '${node.name}' has access '${String(access)}'; it must be private, protected or public`, where));
    }
    for (const parentId of node.dependsOn.nodes) {
      const parent = manifest.nodes.get(parentId);
      if (!parent || parent.resourceType !== 'model' || parent.config.access !== 'private') continue;
      const own = groupOf(node);
      if (own !== undefined && own === String(parent.config.group)) continue;
      errors.add(
        new ProjectError(
          `Node ${node.uniqueId} attempted to reference node ${parent.uniqueId}, which is not allowed because the referenced node is private to the '${String(parent.config.group)}' group.`,
          where,
          `put ${node.resourceType} '${node.name}' in group '${String(parent.config.group)}', or make '${parent.name}' protected or public`,
        ),
      );
    }
  }
}
