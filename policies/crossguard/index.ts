/**
 * The acr-iac CrossGuard policy pack: `pulumi preview --policy-pack policies/crossguard`. The policies
 * are the rule catalogue of policies/ (see policies.ts); the order of environments and their
 * enforcement come from the estate in stacks/environments.ts. Never import this file in a test: the
 * PolicyPack constructor starts a gRPC server.
 */
import { PolicyPack } from '@pulumi/policy';
import { policyConfigFromEstate } from '../config';
import { loadEstate } from '../../stacks/estate';
import { crossGuardPolicies } from './policies';

new PolicyPack('acr-iac', { policies: crossGuardPolicies({ config: policyConfigFromEstate(loadEstate()) }) });
