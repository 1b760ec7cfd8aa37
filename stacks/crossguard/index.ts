/**
 * The sample's CrossGuard pack: `pulumi preview --policy-pack stacks/crossguard`. The policies are the
 * library's; the order of environments and their enforcement come from stacks/environments.ts.
 */
import { policyConfigFromEstate } from '../../policies/config';
import { definePolicyPack } from '../../policies/crossguard';
import { loadEstate } from '../estate';

definePolicyPack(policyConfigFromEstate(loadEstate()));
