import path from 'node:path';
import { ProjectError, type ErrorCollector } from '../errors';
import type { NodePatch } from '../project/properties';
import type { Node } from '../project/types';
import type { NodeFactory } from './node-factory';
import { blankComments } from '../jinja/blocks';
import { ParseScope } from './parse-scope';
import { readTextFile } from '../project/read-text';

const SNAPSHOT_BLOCK = /{%-?\s*snapshot\s+([A-Za-z_]\w*)\s*-?%}([\s\S]*?){%-?\s*endsnapshot\s*-?%}/g;

/**
 * Snapshots from `{% snapshot name %}...{% endsnapshot %}` blocks in snapshot-paths, and from YAML entries with a
 * `relation:` (dbt 1.9). Their SQL keeps its line numbers: the body is placed on the lines it had in the file.
 */
export function addSnapshots(
  builder: NodeFactory,
  files: { dir: string; file: string }[],
  yamlSnapshots: Map<string, NodePatch>,
  errors: ErrorCollector,
): void {
  const manifest = builder.manifest;
  for (const { dir, file } of files) {
    errors.attempt(() => {
      const text = readTextFile(path.join(manifest.project.rootDir, file), file);
      // Blocks are found outside comments; the body is taken as written (blanking keeps offsets).
      const source = blankComments(text);
      let found = false;
      for (const match of source.matchAll(SNAPSHOT_BLOCK)) {
        found = true;
        const bodyStart = match.index! + match[0].indexOf(match[2]);
        const prefixLines = source.slice(0, bodyStart).split('\n').length - 1;
        const body = '\n'.repeat(prefixLines) + text.slice(bodyStart, bodyStart + match[2].length);
        const node = builder.newNode('snapshot', dir, file, body);
        node.name = match[1];
        node.uniqueId = `snapshot.${manifest.project.name}.${match[1]}`;
        node.fqn = [...node.fqn.slice(0, -1), match[1]];
        node.alias = match[1];
        addSnapshot(builder, node);
      }
      if (!found)
        throw new ProjectError(
          'no {% snapshot name %} ... {% endsnapshot %} block in this snapshot file',
          { file, line: 1 },
          'wrap the snapshot query in a snapshot block',
        );
    });
  }
  for (const patch of yamlSnapshots.values()) {
    if (!patch.relation || manifest.nodes.has(`snapshot.${manifest.project.name}.${patch.name}`)) continue;
    errors.attempt(() => {
      const node = builder.newNode(
        'snapshot',
        path.posix.dirname(patch.location.file),
        patch.location.file.replace(/\.ya?ml$/, `/${patch.name}.sql`),
        `select * from {{ ${patch.relation} }}`,
      );
      node.name = patch.name;
      node.uniqueId = `snapshot.${manifest.project.name}.${patch.name}`;
      node.alias = patch.name;
      node.originalFilePath = patch.location.file;
      addSnapshot(builder, node);
    });
  }
}

function addSnapshot(builder: NodeFactory, node: Node): void {
  const manifest = builder.manifest;
  const scope = new ParseScope(node, manifest.target.database, manifest.target.schema);
  builder.renderer.render(node.rawCode, node.originalFilePath, scope);
  node.config = scope.config;
  const where = { file: node.originalFilePath };
  if (!node.config.unique_key) throw new ProjectError(`snapshot '${node.name}' has no unique_key`, where, 'set unique_key in its config');
  const strategy = node.config.strategy;
  if (strategy !== 'timestamp' && strategy !== 'check')
    throw new ProjectError(`snapshot '${node.name}' needs strategy 'timestamp' or 'check' (got ${JSON.stringify(strategy)})`, where);
  if (strategy === 'timestamp' && !node.config.updated_at)
    throw new ProjectError(
      `snapshot '${node.name}' uses the timestamp strategy without updated_at`,
      where,
      'set updated_at to the column that records changes',
    );
  if (strategy === 'check' && !node.config.check_cols)
    throw new ProjectError(`snapshot '${node.name}' uses the check strategy without check_cols`, where, "set check_cols to 'all' or a list of columns");
  builder.finish(node, scope);
  // target_schema / target_database (the pre-1.9 configs) name the schema as written, bypassing generate_schema_name.
  if (node.config.target_schema) node.schema = String(node.config.target_schema);
  if (node.config.target_database) node.database = String(node.config.target_database);
}
