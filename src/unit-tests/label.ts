import type { Node } from '../project/types';

/** How dbt names a unit test in its output: `<model>::<test>` (the model is the second-to-last part of the fqn). */
export function unitTestLabel(node: Node): string {
  return `${node.fqn[node.fqn.length - 2]}::${node.name}`;
}
