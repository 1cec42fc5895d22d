import type { SelectableNode } from '../graph/selectable-node';
import type { Manifest } from './manifest';

/**
 * What selection knows about each node, source and exposure of a manifest. The CLI selects over these records,
 * and the docs site ships them so that a selection typed in the page picks exactly what the CLI would.
 */
export function selectableNodes(manifest: Manifest): Map<string, SelectableNode> {
  const nodes = new Map<string, SelectableNode>();
  for (const node of manifest.nodes.values()) {
    nodes.set(node.uniqueId, {
      uniqueId: node.uniqueId,
      name: node.name,
      resourceType: node.resourceType,
      packageName: node.packageName,
      fqn: node.fqn,
      originalFilePath: node.originalFilePath,
      tags: (node.config.tags as string[]) ?? [],
      config: node.config,
      testType: node.resourceType === 'test' ? (node.testMetadata ? 'generic' : 'singular') : undefined,
      testName: node.testMetadata
        ? node.testMetadata.namespace
          ? `${node.testMetadata.namespace}.${node.testMetadata.name}`
          : node.testMetadata.name
        : undefined,
      attachedNodes: node.resourceType === 'test' ? node.dependsOn.nodes : undefined,
      // Only models are versioned for selection; a unit test of a version carries its model's version for output.
      version: node.resourceType === 'model' ? node.version : undefined,
      latestVersion: node.resourceType === 'model' ? node.latestVersion : undefined,
    });
  }
  for (const source of manifest.sources.values()) {
    nodes.set(source.uniqueId, {
      uniqueId: source.uniqueId,
      name: source.name,
      resourceType: 'source',
      packageName: source.packageName,
      fqn: source.fqn,
      originalFilePath: source.originalFilePath,
      tags: source.tags,
      config: source.config,
      sourceName: source.sourceName,
    });
  }
  for (const exposure of manifest.exposures?.values() ?? []) {
    nodes.set(exposure.uniqueId, {
      uniqueId: exposure.uniqueId,
      name: exposure.name,
      resourceType: 'exposure',
      packageName: exposure.packageName,
      fqn: exposure.fqn,
      originalFilePath: exposure.originalFilePath,
      tags: exposure.tags,
      config: exposure.config,
    });
  }
  return nodes;
}
