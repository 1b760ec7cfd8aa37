#!/usr/bin/env node
// Entry point of the `acr-iac` command: runs the TypeScript CLI through tsx, no build step needed.
require('tsx/cjs');
const { run } = require('../cli/main.ts');

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
