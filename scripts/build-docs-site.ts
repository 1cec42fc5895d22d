import { buildSync } from 'esbuild';
import path from 'node:path';

/**
 * Bundles the docs site (src/docs/site, with the selection code of src/graph and its libraries) into
 * dist/docs-site/app.js and app.css. `docs generate` inlines both into index.html: nothing is fetched
 * from the network when the site is viewed.
 */
const root = path.resolve(__dirname, '..', '..');
buildSync({
  absWorkingDir: root,
  entryPoints: ['src/docs/site/main.ts'],
  outfile: 'dist/docs-site/app.js',
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  alias: { 'node:path': './src/docs/site/no-node-path.ts' },
  legalComments: 'none',
  logLevel: 'warning',
});
