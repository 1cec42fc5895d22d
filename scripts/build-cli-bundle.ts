import { buildSync } from 'esbuild';
import path from 'node:path';

/**
 * Bundles the built CLI (dist/src/cli/main.js and the modules it reaches) into one file, dist/tsdbt.js, which
 * bin/tsdbt.js starts with V8's code cache. Node then reads and resolves one file instead of some 400, and compiles
 * nothing it compiled on an earlier run: most of the start-up of a command. dist/src/ stays as tsc wrote it (tests,
 * library use, readable stack traces).
 *
 * Left outside: DuckDB (a native addon), and what the PostgreSQL driver requires only when asked for its native
 * binding or when it runs on Cloudflare.
 */
const root = path.resolve(__dirname, '..', '..');
buildSync({
  absWorkingDir: root,
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/tsdbt.js',
  bundle: true,
  platform: 'node',
  target: ['node20'],
  format: 'cjs',
  external: ['@duckdb/node-api', 'pg-native', 'pg-cloudflare'],
  legalComments: 'none',
  logLevel: 'warning',
});
