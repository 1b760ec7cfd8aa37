// The package from plain JavaScript (CommonJS), no TypeScript anywhere: every entry point loads, the
// model validates, and the policy engine judges the tree the cdktf app wrote.
'use strict';
const assert = require('node:assert/strict');
const root = require('acr-iac');
const model = require('acr-iac/model');
const policies = require('acr-iac/policies');
const preview = require('acr-iac/preview');
const cdktf = require('acr-iac/cdktf');
const { ESTATE } = require('./estate.json');

assert.equal(typeof root.defineEstate, 'function');
assert.equal(typeof root.defineConfig, 'function');
assert.equal(typeof cdktf.EnvironmentStack, 'function');
assert.equal(typeof preview.renderComment, 'function');
assert.deepEqual(model.defineEstate(ESTATE).order, ['dev']);
assert.throws(() => model.defineEstate({ environments: [] }), model.DeclarationError);
const result = policies.checkPaths(['cdktf.out'], {
  config: policies.policyConfigFromEstate(model.defineEstate(ESTATE)),
});
assert.equal(result.mandatoryFailures, 0);
console.log(`plain JavaScript: ${result.findings.length} findings, no mandatory failure`);
