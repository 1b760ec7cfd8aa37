/**
 * The cdktf app (`cdktf synth`, `cdktf deploy`): one stack per environment of stacks/environments.ts,
 * gated by the policy check (a mandatory failure stops synthesis before the manifest is written).
 * `npm run synth` builds the same stacks in-process and prints the full report instead.
 */
import { buildApp } from '../constructs/cdktf/app';
import { addPolicyGate, policyConfigFromEstate } from '../policies';
import { loadEstate } from './estate';

const estate = loadEstate();
const { app, stacks } = buildApp(estate);
addPolicyGate(app, stacks, policyConfigFromEstate(estate));
app.synth();
