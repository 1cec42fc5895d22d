#!/usr/bin/env node
// The `tsdbt` command: a committed file with its exec bit, so that it starts whatever rebuilt dist/.
// In a fresh clone (after `npm install`, which runs no build script) dist/ does not exist yet: the first run
// compiles it with the clone's TypeScript, so that `npm install` then `npx tsdbt build` is all it takes.
'use strict';
const path = require('node:path');
const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');

function load() {
  try {
    return require(entry);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) return undefined;
    throw error;
  }
}

let cli = load();
if (!cli) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    process.stderr.write(`tsdbt is not built and TypeScript is not installed: run \`npm install\` then \`npm run build\` in ${root}\n`);
    process.exit(2);
  }
  process.stderr.write('tsdbt: first run in this clone, compiling to dist/ ...\n');
  const { spawnSync } = require('node:child_process');
  // The same steps as `npm run build`: the engine, then the docs site's bundle.
  const steps = [[tsc, '-p', path.join(root, 'tsconfig.json')], [path.join(root, 'dist', 'scripts', 'build-docs-site.js')]];
  for (const step of steps) if (spawnSync(process.execPath, step, { stdio: ['ignore', 2, 2], cwd: root }).status !== 0) process.exit(2);
  cli = load();
}
cli.main();
