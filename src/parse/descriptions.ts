import type { ErrorCollector } from '../errors';
import type { TemplateRenderer } from '../jinja/renderer';
import type { ColumnProperties } from '../project/types';
import type { Manifest } from './manifest';
import { StaticScope } from './static-scope';

/** Descriptions holding Jinja (`{{ doc('orders') }}`) are rendered once every docs block is known, as dbt does. */
export function renderDescriptions(manifest: Manifest, renderer: TemplateRenderer, errors: ErrorCollector): void {
  const render = (text: string, file: string): string =>
    text.includes('{{') || text.includes('{%') ? (errors.attempt(() => renderer.render(text, file, new StaticScope(file))) ?? text) : text;
  const renderColumns = (columns: Record<string, ColumnProperties>, file: string) => {
    for (const column of Object.values(columns)) column.description = render(column.description, file);
  };
  for (const node of manifest.nodes.values()) {
    const file = node.patchPath ?? node.originalFilePath;
    node.description = render(node.description, file);
    renderColumns(node.columns, file);
  }
  for (const source of manifest.sources.values()) {
    source.description = render(source.description, source.originalFilePath);
    source.sourceDescription = render(source.sourceDescription, source.originalFilePath);
    renderColumns(source.columns, source.originalFilePath);
  }
}
