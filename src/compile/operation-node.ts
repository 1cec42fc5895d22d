import type { Manifest } from '../parse/manifest';
import type { Node } from '../project/types';

/**
 * A node for SQL that is not part of the project (an inline query, a hook, run-operation): rendered like a model,
 * with refs resolving against every node, since it was not parsed with the project.
 */
export function operationNode(manifest: Manifest, name: string, rawCode: string, file = '<inline>', packageName = manifest.project.name): Node {
  const { project, target } = manifest;
  return {
    uniqueId: `operation.${packageName}.${name}`,
    resourceType: 'analysis',
    packageName,
    name,
    path: `${name}.sql`,
    originalFilePath: file,
    rawCode,
    fqn: [project.name, name],
    config: { materialized: 'view' },
    description: '',
    columns: {},
    refs: [],
    sourceCalls: [],
    dependsOn: { nodes: [...manifest.nodes.keys()], macros: [] },
    database: target.database,
    schema: target.schema,
    alias: name,
  };
}
