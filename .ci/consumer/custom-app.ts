/**
 * A consumer's own cdktf app over the starter estate (compiled by the consumer test with a strict
 * tsconfig, exactOptionalPropertyTypes and skipLibCheck off): constructs used directly, grants made in
 * code, a registry referenced by name, a reasoned suppression, the policy gate.
 */
import { App } from 'cdktf';
import { EnvironmentStack, RegistryReference, addSuppression } from 'acr-iac/cdktf';
import type { EstateDeclaration, ResolvedEstate } from 'acr-iac/model';
import { defineEstate } from 'acr-iac/model';
import { addPolicyGate, policyConfigFromEstate } from 'acr-iac/policies';
import { ESTATE } from '../estate';

const declaration: EstateDeclaration = ESTATE;
const estate: ResolvedEstate = defineEstate(declaration);
const app = new App({ outdir: process.argv[2] ?? 'custom.out' });
const stacks = estate.environments.map((environment) => new EnvironmentStack(app, { environment }));
const [dev] = stacks;
if (!dev) throw new Error('the starter estate has no environment');
dev.registry.grantPull({ principalId: '33333333-3333-3333-3333-333333333333', description: 'QA runner' });
const upstream = new RegistryReference(dev, 'upstream', {
  name: 'platformbaseimages',
  resourceGroupName: 'rg-platform',
});
dev.registry.grantImport({ principalId: '44444444-4444-4444-4444-444444444444' }, upstream);
addSuppression(dev.registry.resource, 'ACR-016', 'Microsoft-managed keys approved by review SEC-1');
addPolicyGate(app, stacks, policyConfigFromEstate(estate));
app.synth();
