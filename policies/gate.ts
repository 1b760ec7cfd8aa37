/**
 * The policy check as a construct validation of a cdktf app, so `cdktf synth` and `cdktf deploy`
 * (which run the app) stop on mandatory policy failures like `acr-iac synth` does. The app and its
 * stacks are described by the few members the gate uses, so the policy layer imports no engine and the
 * constructs stay free of the policy engine.
 */
import type { PolicyConfigInput } from './config';
import type { Finding } from './evaluate';
import { checkInventories } from './index';
import { inventoryFromCdktfJson } from './inventory/cdktf/read';

/** What the gate needs of a cdktf `App`: its construct node, to add a validation. */
export interface GatedApp {
  readonly node: { addValidation(validation: { validate(): string[] }): void };
}

/** What the gate needs of a cdktf `TerraformStack`: its name and its Terraform JSON. */
export interface GatedStack {
  readonly node: { readonly id: string };
  toTerraform(): unknown;
}

/** One line per mandatory failure, as the validation error lists them. */
export function formatGateFailure(f: Finding): string {
  const where = f.location.constructPath ?? f.location.address;
  return `${f.ruleId} [${f.severity}] ${f.environment}: ${f.message} (${where}). Fix it, or suppress it with a reason.`;
}

/**
 * Adds the gate to `app`: after every stack is synthesized and before the manifest is written, the
 * stacks are judged together (promotion rules need all of them) with `config`.
 *
 * ```ts
 * const estate = defineEstate(ESTATE);
 * const { app, stacks } = buildApp(estate);
 * addPolicyGate(app, stacks, policyConfigFromEstate(estate));
 * app.synth();
 * ```
 */
export function addPolicyGate(app: GatedApp, stacks: readonly GatedStack[], config: PolicyConfigInput): void {
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
