import { sameVersion, versionedSearchName } from '../project/version-order';
import type { ModelVersionId, Node } from '../project/types';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** What a `ref()` names: a model, seed or snapshot, in a package or not, a version or not. */
export interface RefTarget {
  name: string;
  package?: string;
  version?: ModelVersionId | null;
}

/**
 * dbt's ref lookup: `name` finds an unversioned node or a versioned model's latest version, `name.v<v>` one version.
 * Without a package, the root project's node wins, then the referring node's own package's, then any: the order of
 * dbt's `_packages_to_search`.
 */
export class RefLookup {
  private readonly byKey = new Map<string, Node[]>();

  constructor(
    nodes: Iterable<Node>,
    private readonly rootPackage: string,
  ) {
    for (const node of nodes) {
      if (!REFABLE.has(node.resourceType)) continue;
      if (node.version === undefined) this.add(node.name, node);
      else {
        this.add(versionedSearchName(node.name, node.version), node);
        if (sameVersion(node.version, node.latestVersion)) this.add(node.name, node);
      }
    }
  }

  find(ref: RefTarget, fromPackage?: string): Node | undefined {
    const key = ref.version === undefined || ref.version === null ? ref.name : versionedSearchName(ref.name, ref.version);
    const candidates = this.byKey.get(key) ?? [];
    if (ref.package) return candidates.find((node) => node.packageName === ref.package);
    return candidates.find((node) => node.packageName === this.rootPackage) ?? candidates.find((node) => node.packageName === fromPackage) ?? candidates[0];
  }

  /** Every name a ref may use, for "did you mean". */
  names(): string[] {
    return [...this.byKey.keys()].filter((key) => !key.includes('.'));
  }

  private add(key: string, node: Node): void {
    const list = this.byKey.get(key);
    if (list) list.push(node);
    else this.byKey.set(key, [node]);
  }
}

const lookups = new WeakMap<Map<string, Node>, RefLookup>();

/** The lookup of a manifest's nodes, built once per set of nodes. */
export function refLookupOf(nodes: Map<string, Node>, rootPackage: string): RefLookup {
  let lookup = lookups.get(nodes);
  if (!lookup) lookups.set(nodes, (lookup = new RefLookup(nodes.values(), rootPackage)));
  return lookup;
}
