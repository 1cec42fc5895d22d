import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { shapeCatalog, catalogSchemas, type CatalogEntry, type CatalogJson } from '../../docs/catalog';
import { exposureCharts } from '../../docs/exposure-charts';
import { projectColumnLineage } from '../../docs/project-lineage';
import { createDocsServer, listen } from '../../docs/serve';
import { writeSite } from '../../docs/site-files';
import { ProjectError } from '../../errors';
import type { Manifest } from '../../parse/manifest';
import { selectableNodes } from '../../parse/selectable-nodes';
import { artifactMetadata, targetFile, writeManifestArtifact } from '../../report/artifacts';
import { foundLine } from '../../report/summary';
import type { Session } from '../session';
import { compileInline, compileSelected } from './compile';
import { queryRows } from './show';

export interface DocsGenerateOptions {
  /** false with --no-compile. */
  compile: boolean;
  emptyCatalog: boolean;
  static: boolean;
}

/** The selected nodes and sources that live as relations in the warehouse. */
function catalogEntries(manifest: Manifest, selected: ReadonlySet<string>): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const node of manifest.nodes.values()) {
    if (!selected.has(node.uniqueId) || !['model', 'seed', 'snapshot'].includes(node.resourceType) || node.config.materialized === 'ephemeral') continue;
    entries.push({ uniqueId: node.uniqueId, kind: 'node', database: node.database, schema: node.schema, identifier: node.alias });
  }
  for (const source of manifest.sources.values()) {
    if (!selected.has(source.uniqueId) || source.externalLocation) continue;
    entries.push({ uniqueId: source.uniqueId, kind: 'source', database: source.database, schema: source.schema, identifier: source.identifier });
  }
  return entries;
}

async function readCatalog(session: Session, entries: CatalogEntry[], metadata: Record<string, unknown>): Promise<CatalogJson> {
  session.reporter.info('Building catalog');
  const adapter = await session.warehouse(1);
  const connection = await adapter.acquire();
  try {
    return shapeCatalog(entries, await connection.catalog(catalogSchemas(entries)), metadata);
  } finally {
    adapter.release(connection);
  }
}

/** The charts exposures declare in meta.tsdbt_charts, queried through the adapter; `catalog` tells what is built. */
function charts(session: Session, catalog: CatalogJson | undefined) {
  const { manifest } = session;
  const unbuilt = (ids: string[]) =>
    catalog
      ? ids
          .filter((id) => !catalog.nodes[id] && !catalog.sources[id])
          .filter((id) => {
            const source = manifest.sources.get(id);
            return source ? !source.externalLocation : manifest.nodes.get(id)?.config.materialized !== 'ephemeral';
          })
          .map((id) => manifest.nodes.get(id)?.name ?? id)
      : [];
  return exposureCharts(manifest.exposures?.values() ?? [], unbuilt, async (text) => {
    const { sql } = await compileInline(session, text);
    return { sql, result: await queryRows(session, sql, -1) };
  });
}

/** `docs generate`: manifest.json (compiled), catalog.json from the warehouse, and the site, in the target folder. */
export async function docsGenerateCommand(session: Session, options: DocsGenerateOptions): Promise<number> {
  const { manifest, reporter } = session;
  reporter.info(foundLine(manifest), 'FoundStats');
  const selected = session.select();
  const compiled = !options.compile ? new Map<string, string>() : await compileSelected(session, selected);
  const manifestJson = writeManifestArtifact(manifest, session.invocationId, compiled);
  const metadata = artifactMetadata(manifest, 'catalog', 1, session.invocationId);
  const catalog = options.emptyCatalog ? shapeCatalog([], [], metadata) : await readCatalog(session, catalogEntries(manifest, selected), metadata);
  const catalogFile = targetFile(manifest, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(catalog));
  const tsdbt = {
    selectable: [...selectableNodes(manifest).values()],
    columnLineage: await projectColumnLineage(manifest, compiled, catalog),
    charts: await charts(session, options.emptyCatalog ? undefined : catalog),
  };
  writeSite(session.targetDir(), { manifest: manifestJson, catalog, tsdbt }, options.static);
  reporter.info(`Catalog written to ${catalogFile}`);
  if (options.static) reporter.info(`Static site written to ${path.join(session.targetDir(), 'static_index.html')}`);
  return 0;
}

export interface DocsServeOptions {
  port: string;
  host: string;
  /** false with --no-browser. */
  browser: boolean;
}

/** Opens `url` in the desktop's browser, if there is one; failing to is not an error. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

/** `docs serve`: serves the target folder until Ctrl-C (SIGINT) or SIGTERM, then closes and exits 0. */
export async function docsServeCommand(session: Session, options: DocsServeOptions): Promise<number> {
  const root = session.targetDir();
  if (!existsSync(path.join(root, 'index.html'))) throw new ProjectError(`no docs site in ${root}`, undefined, 'run `tsdbt docs generate` first');
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ProjectError(`--port must be a port number (0-65535), not '${options.port}'`, undefined, 'e.g. --port 8080');
  const server = createDocsServer(root);
  const url = await listen(server, port, options.host).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new ProjectError(`port ${port} on ${options.host} is in use`, undefined, 'pick another with --port (0: any free port)');
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
      throw new ProjectError(`cannot listen on --host ${options.host}: ${error.code}`, undefined, 'give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0');
    throw error;
  });
  session.reporter.output(`Serving docs at ${url}`);
  session.reporter.output('Press Ctrl+C to exit.');
  if (options.browser) openBrowser(url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
