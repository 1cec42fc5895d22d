#!/usr/bin/env node
// The `tsdbt` command: a committed file with its exec bit, so that it starts whatever rebuilt dist/.
'use strict';
const path = require('node:path');
let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('main.js')) {
    process.stderr.write('tsdbt is not built: run `npm run build` in ' + path.join(__dirname, '..') + '\n');
    process.exit(2);
  }
  throw error;
}
cli.main();
