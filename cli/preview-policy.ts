/**
 * The policy result for the head state of a preview, computed through the policy engine (`policies/`)
 * and summarized for the comment. The engine is loaded only when a preview runs (by `require`, the same
 * under every loader: compiled, tsx or jest). It judges synthesized
 * trees, Terraform plans and Pulumi previews alike: each becomes an inventory of what the head deploys.
 */
import type { PolicySummary } from '../preview';
import type { PolicyConfigInput } from '../policies/config';
import type { Inventory } from '../policies/inventory/types';
import * as engines from './engines';
import { UsageError, firstLine } from './errors';

/** One head input: a plan or preview file with its environment, or the head synthesized tree. */
export interface HeadInput {
  readonly path: string;
  readonly format: 'terraform-plan' | 'pulumi-preview' | 'synth-tree';
  readonly environment?: string;
  /**
   * Its inventory from the preview's own read of the file (built when judged; throws what reading it
   * for `check` would throw). @default the file is read again
   */
  readonly inventory?: () => Inventory;
}

/** The summary, or why there is none. */
export interface HeadPolicy {
  readonly summary?: PolicySummary;
  readonly note?: string;
}

/**
 * Evaluates every policy rule on the head inputs; a failure becomes a note, but unusable input is a
 * UsageError (exit 2), as in `check`. A preview of
 * part of a stack (`pulumi preview --target`) is judged as given: the rules see only that part.
 */
export async function evaluateHeadPolicy(
  inputs: readonly HeadInput[],
  config: PolicyConfigInput = {},
): Promise<HeadPolicy> {
  if (inputs.length === 0) return {};
  try {
    // engines.policies() is a lazy require, not import(): under a loader's CommonJS hook import() takes
    // Node's ES module path, which cannot load the folder, and the head would never be judged.
    const { evaluate, loadInventories, resolvePolicyConfig } = engines.policies();
    // Each file is read by the adapter that recognises its content, as `check` reads it.
    const inventories = inputs.flatMap((input) =>
      input.inventory
        ? [input.inventory()]
        : loadInventories([input.path], input.environment ? { environment: input.environment } : {}),
    );
    const result = evaluate(inventories, resolvePolicyConfig(config));
    const summary = engines.preview().summarizeFindings(
      result.findings.map((f) => ({
        ruleId: f.ruleId,
        title: f.title,
        severity: f.severity,
        result: f.result,
        environment: f.environment,
        resource: f.location.address,
        message: f.message,
        mandatory: f.mandatory,
      })),
    );
    return { summary };
  } catch (error) {
    // Fail closed: input the checker cannot understand (a value of the wrong JSON type) is refused, as
    // `check` refuses it, not turned into a comment that reads as if the change were fine.
    if (error instanceof engines.policies().InventoryInputError) throw new UsageError(firstLine(error));
    // The note lands in a PR comment: no machine paths.
    const message = firstLine(error).split(`${process.cwd()}/`).join('');
    return { note: `The policy engine could not judge the head: ${message}` };
  }
}
