/**
 * The acr-iac CrossGuard policy pack: the rule catalogue of policies/ as Pulumi stack policies. A pack
 * folder (PulumiPolicy.yaml and an index) constructs it with the estate's policy config:
 *
 * ```ts
 * definePolicyPack(policyConfigFromEstate(defineEstate(ESTATE)));
 * ```
 *
 * Never call `definePolicyPack` in a test: the PolicyPack constructor starts a gRPC server.
 */
import { PolicyPack } from '@pulumi/policy';
import type { PolicyConfigInput } from '../config';
import { crossGuardPolicies } from './policies';

export { crossGuardPolicies, findingsForStack } from './policies';
export type { CrossGuardOptions } from './policies';

/** Starts the policy pack `name` over the whole catalogue, judged with `config`. */
export function definePolicyPack(config: PolicyConfigInput, name = 'acr-iac'): PolicyPack {
  return new PolicyPack(name, { policies: crossGuardPolicies({ config }) });
}
