import { ProjectError, type ErrorCollector } from '../errors';
import type { TemplateRenderer } from '../jinja/renderer';
import { configFromTree, mergeConfig } from '../project/config';
import type { SourcePatch } from '../project/properties';
import type { SourceTable } from '../project/types';
import type { Manifest } from './manifest';
import { StaticScope } from './static-scope';

/** Source tables from `sources:` entries; dbt-duckdb's `external_location` becomes a file expression. */
export function buildSources(manifest: Manifest, patches: SourcePatch[], renderer: TemplateRenderer, errors: ErrorCollector): void {
  const { project, target } = manifest;
  for (const patch of patches) {
    errors.attempt(() => {
      const uniqueId = `source.${project.name}.${patch.sourceName}.${patch.tableName}`;
      if (manifest.sources.has(uniqueId)) {
        throw new ProjectError(
          `source '${patch.sourceName}.${patch.tableName}' is declared twice (also in ${manifest.sources.get(uniqueId)!.originalFilePath})`,
          patch.location,
          'remove one of the two entries',
        );
      }
      const fqn = [project.name, patch.sourceName, patch.tableName];
      const config = mergeConfig(mergeConfig({ enabled: true }, configFromTree(project.configTrees.sources, fqn)), patch.config);
      if (config.enabled === false) return;
      const source: SourceTable = {
        uniqueId,
        packageName: project.name,
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
