/**
 * In-code suppressions of policy rules (cdk-nag's `NagSuppressions` spirit): the construct writes
 * `"//": {"acr-iac": {"suppressions": [{"ruleId", "reason"}]}}` on its Terraform resources, and
 * `acr-iac check` reads it back from cdk.tf.json. Suppressed findings stay visible in reports.
 */
import type { IConstruct } from 'constructs';
import { TerraformResource } from 'cdktf';

/** Minimum length of a reason (policies/suppressions.ts enforces the same). */
const MIN_REASON_LENGTH = 10;

const WRITTEN = new WeakMap<TerraformResource, { ruleId: string; reason: string }[]>();

function resourcesOf(construct: IConstruct): TerraformResource[] {
  return construct.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
}

/**
 * Suppresses `ruleId` (e.g. `ACR-015`) on the construct's Terraform resources (the construct itself
 * when it is one, else every resource below it), with a reason of at least 10 characters.
 */
export function addSuppression(construct: IConstruct, ruleId: string, reason: string): void {
  if (!/^[A-Z]+-\d{3}$/.test(ruleId))
    throw new Error(`addSuppression: "${ruleId}" is not a rule ID such as ACR-001`);
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`addSuppression(${ruleId}): give a reason of at least ${MIN_REASON_LENGTH} characters`);
  }
  for (const resource of resourcesOf(construct)) {
    const list = [...(WRITTEN.get(resource) ?? []), { ruleId, reason: reason.trim() }];
    WRITTEN.set(resource, list);
    resource.addOverride('//.acr-iac.suppressions', list);
  }
}
