#!/usr/bin/env node
// The `tsdbt` command: a committed file with its exec bit, so that it starts whatever rebuilt dist/.
// In a fresh clone (after `npm install`, which runs no build script) dist/ does not exist yet: the first run
// compiles it with the clone's TypeScript, so that `npm install` then `npx tsdbt build` is all it takes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'tsdbt.js');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
const argv = process.argv.slice(2);

/**
 * The CLI bundled into one file (scripts/build-cli-bundle.ts), compiled with the V8 code cache an earlier run left
 * beside it: nothing to resolve, read or compile module by module. A cache from another build of the bundle, or
 * another Node, is rejected by V8 or by its stamp, and replaced when this run ends.
 */
function loadBundle() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch (error) {
    if (error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  const cacheFile = `${bundle}.cache`;
  const stat = fs.statSync(bundle);
  // V8 checks its version and flags, but of the source only its length: the stamp ties the cache to this very file.
  const stamp = `${process.version} ${stat.size} ${stat.mtimeMs}`;
  let cachedData;
  try {
    const stored = fs.readFileSync(cacheFile);
    const header = stored.indexOf(10);
    if (stored.subarray(0, header).toString() === stamp) cachedData = stored.subarray(header + 1);
  } catch {
    // no cache yet
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext().call(loaded.exports, loaded.exports, createRequire(bundle), loaded, bundle, path.dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) keepCacheAtExit(script, cacheFile, stamp);
  return loaded.exports;
}

/** At exit, when the run compiled what a command needs (not after --version or --help alone). */
function keepCacheAtExit(script, cacheFile, stamp) {
  if (argv.length === 0 || argv.some((arg) => ['--version', '-v', '--help', '-h', 'help'].includes(arg))) return;
  process.on('exit', () => {
    const aside = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(aside, Buffer.concat([Buffer.from(`${stamp}\n`), script.createCachedData()]));
      fs.renameSync(aside, cacheFile);
    } catch {
      // A read-only install runs without a cache.
      fs.rmSync(aside, { force: true });
    }
  });
}

function load() {
  const bundled = loadBundle();
  if (bundled) return bundled;
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
  // The same steps as `npm run build`: the engine, the docs site's bundle, the CLI's bundle.
  const steps = [
    [tsc, '-p', path.join(root, 'tsconfig.json')],
    [path.join(root, 'dist', 'scripts', 'build-docs-site.js')],
    [path.join(root, 'dist', 'scripts', 'build-cli-bundle.js')],
  ];
  for (const step of steps) if (spawnSync(process.execPath, step, { stdio: ['ignore', 2, 2], cwd: root }).status !== 0) process.exit(2);
  cli = load();
}
cli.main();
