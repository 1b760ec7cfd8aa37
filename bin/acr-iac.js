#!/usr/bin/env node
// Entry point of the `acr-iac` command: the compiled CLI in dist/ (`npm run build`, run on install
// from git and before packing). No transpiling at start.
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('acr-iac: the compiled CLI (dist/) is missing; run npm run build\n');
    process.exit(2);
  }
  throw error;
}
cli.main();
