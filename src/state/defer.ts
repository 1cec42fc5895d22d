import { Relation } from '../jinja/relation';
import type { PreviousState } from './previous-state';

/**
 * `--defer`: a ref to a node outside the selection may read the relation the previous run built. It does when the
 * relation is missing from the current target, or always with `--favor-state`.
 */
export interface Deferral {
  selected: ReadonlySet<string>;
  favorState: boolean;
  /** The previous run's relation for `uniqueId`; undefined when it had none (new or ephemeral node). */
  stateRelation(uniqueId: string): Relation | undefined;
}

export function deferralFrom(previous: PreviousState, selected: ReadonlySet<string>, favorState: boolean): Deferral {
  return {
    selected,
    favorState,
    stateRelation(uniqueId) {
      const node = previous.nodes.get(uniqueId);
      if (!node || !node.alias || !node.schema || node.config?.materialized === 'ephemeral') return undefined;
      if (node.resource_type === 'test' || node.resource_type === 'analysis' || node.resource_type === 'unit_test') return undefined;
      return new Relation(node.database ?? null, node.schema, node.alias, node.config?.materialized === 'view' ? 'view' : 'table');
    },
  };
}
