import type { Resource } from './data';

export interface TreeNode {
  label: string;
  /** Leaves: the resource the entry opens. */
  uniqueId?: string;
  resourceType?: string;
  children: TreeNode[];
}

/** Tests hang off the pages of what they test; they would bury the tree. */
const LEFT_OUT = new Set(['test', 'unit_test']);

function folder(parent: TreeNode, label: string): TreeNode {
  let child = parent.children.find((c) => c.uniqueId === undefined && c.label === label);
  if (!child) {
    child = { label, children: [] };
    parent.children.push(child);
  }
  return child;
}

function sortTree(node: TreeNode): TreeNode {
  node.children.sort((a, b) => Number(a.uniqueId !== undefined) - Number(b.uniqueId !== undefined) || a.label.localeCompare(b.label));
  node.children.forEach(sortTree);
  return node;
}

/** Packages, then the folders of each file; sources under Sources / source name, as dbt's docs show them. */
export function projectTree(resources: Iterable<Resource>, rootProject: string): TreeNode[] {
  const root: TreeNode = { label: '', children: [] };
  for (const r of resources) {
    if (LEFT_OUT.has(r.resource_type)) continue;
    const pkg = folder(root, r.package_name);
    let parent: TreeNode;
    if (r.resource_type === 'source') parent = folder(folder(pkg, 'Sources'), r.source_name ?? '');
    else {
      parent = pkg;
      for (const segment of (r.original_file_path ?? '').split('/').slice(0, -1)) parent = folder(parent, segment);
    }
    parent.children.push({ label: r.name, uniqueId: r.unique_id, resourceType: r.resource_type, children: [] });
  }
  sortTree(root);
  // The project itself first, then its packages.
  return root.children.sort((a, b) => Number(b.label === rootProject) - Number(a.label === rootProject) || a.label.localeCompare(b.label));
}

/** Databases, schemas and the relations in them: what the warehouse holds. */
export function databaseTree(resources: Iterable<Resource>): TreeNode[] {
  const root: TreeNode = { label: '', children: [] };
  for (const r of resources) {
    if (!['model', 'seed', 'snapshot', 'source'].includes(r.resource_type) || r.config?.materialized === 'ephemeral' || !r.schema) continue;
    const schema = folder(folder(root, r.database ?? ''), r.schema);
    schema.children.push({ label: r.alias ?? r.identifier ?? r.name, uniqueId: r.unique_id, resourceType: r.resource_type, children: [] });
  }
  return sortTree(root).children;
}
