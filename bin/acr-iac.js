#!/usr/bin/env node
// Entry point of the `acr-iac` command: the compiled CLI in dist/ (`npm run build`, run on install
// from git and before packing). No transpiling at start.
'use strict';
require('../dist/cli/main.js').main();
