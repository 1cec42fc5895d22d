import type { Dag } from './dag';
import { isManifestNode, isTestLike, type SelectableNode } from './selectable-node';
import { matchCriterion } from './selector-methods';
import { parseSelection, type SelectionCriterion } from './selector-spec';

export type { SelectableNode, SelectableResourceType } from './selectable-node';
export { SelectorSyntaxError } from './selector-error';
export { SELECTOR_METHODS } from './selector-spec';

/**
 * How tests follow the nodes they test. eager (dbt's default): a test is selected when any node
 * it tests is. cautious: only when all are. buildable: when each is selected or upstream of the
 * selection. empty: tests come only when selected themselves.
 */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

export interface SelectionInput {
  /** --select values: tokens as the CLI split them, or strings with spaces. Absent or empty: everything. */
  select?: string[];
  exclude?: string[];
  indirectSelection?: IndirectSelection;
}

export interface SelectionResult {
  selected: Set<string>;
  /** Select/exclude tokens that matched nothing: dbt warns "The selection criterion '<token>' does not match any enabled nodes". */
  unmatched: string[];
}

/** The unique ids that `--select`/`--exclude` pick, exactly as dbt would. Throws SelectorSyntaxError. */
export function selectNodes(nodes: Map<string, SelectableNode>, dag: Dag, input: SelectionInput, projectRoot?: string): Set<string> {
  return resolveSelection(nodes, dag, input, projectRoot).selected;
}

/** selectNodes, plus the tokens that matched nothing. */
export function resolveSelection(nodes: Map<string, SelectableNode>, dag: Dag, input: SelectionInput, projectRoot?: string): SelectionResult {
  const selection = new Selection(nodes, dag, projectRoot);
  const unmatched: string[] = [];
  const mode = input.indirectSelection ?? 'eager';
  const included = hasTokens(input.select) ? selection.union(input.select, mode, unmatched) : { direct: new Set(nodes.keys()), indirect: new Set<string>() };
  // dbt's docs: "Test exclusion is always greedy": excluding any parent of a test excludes it.
  const excluded = hasTokens(input.exclude) ? selection.union(input.exclude, 'eager', unmatched) : emptyBundle();
  const result = selection.combine([included, excluded], difference, mode);
  const selected = new Set([...result.direct].filter((id) => nodes.has(id)));
  return { selected, unmatched };
}

/** What `dbt ls --output selector` prints for a node. */
export function describeSelector(node: SelectableNode): string {
  switch (node.resourceType) {
    case 'source':
      return `source:${node.packageName}.${node.sourceName}.${node.name}`;
    case 'exposure':
      return `exposure:${node.packageName}.${node.name}`;
    case 'unit_test':
      return `unit_test:${node.packageName}.${node.name}`;
    default:
      return node.fqn.join('.');
  }
}

/**
 * dbt carries two sets through every set operation: nodes selected outright, and tests that
 * might still join (cautious/buildable) once the other nodes they test turn up in a sibling term.
 */
interface Bundle {
  direct: Set<string>;
  indirect: Set<string>;
}

type SetOperation = (sets: Set<string>[]) => Set<string>;

class Selection {
  private readonly all: SelectableNode[];

  constructor(
    private readonly nodes: Map<string, SelectableNode>,
    private readonly dag: Dag,
    private readonly projectRoot?: string,
  ) {
    this.all = [...nodes.values()];
  }

  union(items: string[], mode: IndirectSelection, unmatched: string[]): Bundle {
    const terms = parseSelection(items).map((criteria) => {
      const term = this.combine(
        criteria.map((criterion) => this.criterion(criterion, mode)),
        intersection,
        mode,
      );
      if (term.direct.size === 0) unmatched.push(criteria.map((c) => c.raw).join(','));
      return term;
    });
    return this.combine(terms, union, mode);
  }

  combine(bundles: Bundle[], operation: SetOperation, mode: IndirectSelection): Bundle {
    if (bundles.length === 0) return emptyBundle();
    const direct = operation(bundles.map((b) => b.direct));
    const indirect = operation(bundles.map((b) => new Set([...b.direct, ...b.indirect])));
    return { direct: this.incorporate(direct, indirect, mode), indirect };
  }

  private criterion(criterion: SelectionCriterion, mode: IndirectSelection): Bundle {
    const collected = matchCriterion(criterion, this.all, this.projectRoot);
    const selected = new Set(collected);
    const add = (ids: Iterable<string>): void => {
      for (const id of ids) selected.add(id);
    };
    if (criterion.childrensParents) {
      const downstream = new Set([...collected, ...this.dag.descendantsOfAll(collected)]);
      add(downstream);
      add(this.dag.ancestorsOfAll(downstream));
    }
    if (criterion.parents) add(this.dag.ancestorsOfAll(collected, criterion.parentsDepth));
    if (criterion.children) add(this.dag.descendantsOfAll(collected, criterion.childrenDepth));
    if (mode === 'empty') return { direct: selected, indirect: new Set() };
    return this.expand(selected, mode);
  }

  /** Adds the tests of selected nodes, or sets them aside when the mode wants more of their parents. */
  private expand(selected: Set<string>, mode: IndirectSelection): Bundle {
    const direct = new Set(selected);
    const indirect = new Set<string>();
    const buildable = mode === 'buildable' ? this.withAncestors(selected, true) : undefined;
    for (const id of selected) {
      for (const child of this.dag.children(id)) {
        const node = this.nodes.get(child);
        if (!node || !isTestLike(node)) continue;
        const parents = this.testedBy(node);
        if (mode === 'eager' || isSubset(parents, selected) || (buildable && isSubset(parents, buildable))) {
          direct.add(child);
        } else {
          indirect.add(child);
        }
      }
    }
    return { direct, indirect };
  }

  /** Tests set aside earlier join once everything they test is selected (or buildable). */
  private incorporate(direct: Set<string>, indirect: Set<string>, mode: IndirectSelection): Set<string> {
    if (mode !== 'cautious' && mode !== 'buildable') return direct;
    const selected = new Set(direct);
    const allowed = mode === 'buildable' ? this.withAncestors(direct, false) : selected;
    for (const id of indirect) {
      const node = this.nodes.get(id);
      // As in dbt, only data tests are reconsidered here: a unit test has a single parent.
      if (node && isManifestNode(node) && isSubset(this.testedBy(node), allowed)) selected.add(id);
    }
    return selected;
  }

  /** dbt counts every source as buildable when expanding, but not when combining terms. */
  private withAncestors(ids: Set<string>, includeSources: boolean): Set<string> {
    const result = new Set([...ids, ...this.dag.ancestorsOfAll(ids)]);
    if (includeSources) for (const node of this.all) if (node.resourceType === 'source') result.add(node.uniqueId);
    return result;
  }

  private testedBy(node: SelectableNode): string[] {
    return node.attachedNodes ?? this.dag.parents(node.uniqueId);
  }
}

function hasTokens(items: string[] | undefined): items is string[] {
  return items !== undefined && items.some((item) => item.trim() !== '');
}

function emptyBundle(): Bundle {
  return { direct: new Set(), indirect: new Set() };
}

function isSubset(items: Iterable<string>, of: Set<string>): boolean {
  for (const item of items) if (!of.has(item)) return false;
  return true;
}

const union: SetOperation = (sets) => {
  const result = new Set<string>();
  for (const set of sets) for (const id of set) result.add(id);
  return result;
};

const intersection: SetOperation = ([first, ...rest]) => new Set([...first].filter((id) => rest.every((set) => set.has(id))));

const difference: SetOperation = ([first, ...rest]) => new Set([...first].filter((id) => rest.every((set) => !set.has(id))));
