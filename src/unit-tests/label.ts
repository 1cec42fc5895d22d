import { versionSuffix } from '../project/version-order';
import type { Node } from '../project/types';

/**
 * How dbt names a unit test in its output: `<model>::<test>` (the model is the second-to-last part of the fqn), and
 * `<model>::<test>_v<version>` for the test of a model version.
 */
export function unitTestLabel(node: Node): string {
  if (node.version !== undefined) return `${node.unitTest?.model ?? node.fqn[node.fqn.length - 3]}::${node.name}_${versionSuffix(node.version)}`;
  return `${node.fqn[node.fqn.length - 2]}::${node.name}`;
}
