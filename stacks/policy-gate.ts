/**
 * The policy check as a construct validation of the cdktf app, so `cdktf synth` and `cdktf deploy`
 * (which run the app in stacks/cdktf-app.ts) stop on mandatory policy failures like `npm run synth`
 * does. It lives at the edge, beside the entry point: constructs stay free of the policy engine.
 */
import type { App, TerraformStack } from 'cdktf';
import type { Finding, PolicyConfigInput } from '../policies';
import { checkInventories, inventoryFromCdktfJson } from '../policies';

/** One line per mandatory failure, as the validation error lists them. */
export function formatGateFailure(f: Finding): string {
  const where = f.location.constructPath ?? f.location.address;
  return `${f.ruleId} [${f.severity}] ${f.environment}: ${f.message} (${where}). Fix it, or suppress it with a reason.`;
}

/**
 * Adds the gate to `app`: after every stack is synthesized and before the manifest is written, the
 * stacks are judged together (promotion rules need all of them) with `config`.
 */
export function addPolicyGate(app: App, stacks: readonly TerraformStack[], config: PolicyConfigInput): void {
  app.node.addValidation({
    validate: () => {
      const inventories = stacks.map((stack) =>
        inventoryFromCdktfJson(stack.toTerraform(), stack.node.id, `stacks/${stack.node.id}/cdk.tf.json`),
      );
      const result = checkInventories(inventories, { config });
      return result.findings.filter((f) => f.mandatory).map(formatGateFailure);
    },
  });
}
