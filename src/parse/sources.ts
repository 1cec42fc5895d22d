import { ProjectError, type ErrorCollector } from '../errors';
import type { TemplateRenderer } from '../jinja/renderer';
import { configFromTree, mergeConfig } from '../project/config';
import type { SourcePatch } from '../project/properties';
import type { SourceTable } from '../project/types';
import type { Manifest } from './manifest';
import { sourceFqnDirs } from './properties-fqn';
import { StaticScope } from './static-scope';

/** Source tables from `sources:` entries; dbt-duckdb's `external_location` becomes a file expression. */
export function buildSources(manifest: Manifest, patches: SourcePatch[], renderer: TemplateRenderer, errors: ErrorCollector): void {
  const { project: root, target } = manifest;
  for (const patch of patches) {
    errors.attempt(() => {
      const project = manifest.packages?.find((pkg) => pkg.project.name === patch.packageName)?.project ?? root;
      const uniqueId = sourceId(patch);
      if (manifest.sources.has(uniqueId)) {
        throw new ProjectError(
          `source '${patch.sourceName}.${patch.tableName}' is declared twice (also in ${manifest.sources.get(uniqueId)!.originalFilePath})`,
          patch.location,
          'remove one of the two entries',
        );
      }
      const fqn = [project.name, ...sourceFqnDirs(manifest, patch.location.file), patch.sourceName, patch.tableName];
      // A package's sources are configured by its own project file, then by the root project's.
      let config = mergeConfig({ enabled: true }, configFromTree(project.configTrees.sources, fqn));
      if (project !== root) config = mergeConfig(config, configFromTree(root.configTrees.sources, fqn));
      config = mergeConfig(config, patch.config);
      if (config.enabled === false) return;
      const source: SourceTable = {
        uniqueId,
        packageName: patch.packageName,
        sourceName: patch.sourceName,
        name: patch.tableName,
        identifier: patch.identifier,
        database: patch.database ?? target.database,
        schema: patch.schema,
        description: patch.description,
        sourceDescription: patch.sourceDescription,
        loader: patch.loader,
        loadedAtField: patch.loadedAtField,
        freshness: patch.freshness,
        external: patch.external,
        sourceMeta: patch.sourceMeta,
        quoting: patch.quoting,
        columns: patch.columns,
        meta: patch.meta,
        tags: patch.tags,
        config,
        originalFilePath: patch.location.file,
        fqn,
      };
      const location = (config.external_location ?? patch.meta.external_location) as string | undefined;
      if (location) source.externalLocation = externalExpression(renderer, location, source);
      manifest.sources.set(uniqueId, source);
    });
  }
}

export function sourceId(patch: Pick<SourcePatch, 'packageName' | 'sourceName' | 'tableName'>): string {
  return `source.${patch.packageName}.${patch.sourceName}.${patch.tableName}`;
}

/**
 * The source `source(sourceName, tableName)` names in a node of `packageName`: as dbt resolves it, the root project's
 * first, then the node's package's, then any package's.
 */
export function findSource(manifest: Manifest, sourceName: string, tableName: string, packageName?: string): SourceTable | undefined {
  for (const pkg of [manifest.project.name, packageName]) {
    const source = pkg && manifest.sources.get(sourceId({ packageName: pkg, sourceName, tableName }));
    if (source) return source;
  }
  for (const source of manifest.sources.values()) if (source.sourceName === sourceName && source.name === tableName) return source;
  return undefined;
}

/** `{name}`-style placeholders are filled from the source table, as dbt-duckdb formats external locations. */
function externalExpression(renderer: TemplateRenderer, location: string, source: SourceTable): string {
  const fields: Record<string, string> = {
    name: source.name,
    identifier: source.identifier,
    schema: source.schema,
    database: source.database,
    source_name: source.sourceName,
  };
  const rendered = location.includes('{{') ? renderer.render(location, source.originalFilePath, new StaticScope(source.originalFilePath)) : location;
  const formatted = rendered.replace(/\{(\w+)\}/g, (whole, key: string) => fields[key] ?? whole);
  return /\(/.test(formatted) ? formatted : `'${formatted.replace(/'/g, "''")}'`;
}
