/**
 * The policy result for the head state of a preview, computed through the policy engine (`policies/`)
 * and summarized for the comment. The engine is loaded only when a preview runs. It judges synthesized
 * trees, Terraform plans and Pulumi previews alike: each becomes an inventory of what the head deploys.
 */
import type { PolicySummary } from '../preview';
import type * as Policies from '../policies';
import type { PolicyConfigInput } from '../policies/config';
import { summarizeFindings } from '../preview';

type PoliciesModule = typeof Policies;

/** One head input: a plan or preview file with its environment, or the head synthesized tree. */
export interface HeadInput {
  readonly path: string;
  readonly format: 'terraform-plan' | 'pulumi-preview' | 'synth-tree';
  readonly environment?: string;
}

/** The summary, or why there is none. */
export interface HeadPolicy {
  readonly summary?: PolicySummary;
  readonly note?: string;
}

/**
 * Evaluates every policy rule on the head inputs; never throws (a failure becomes a note). A preview of
 * part of a stack (`pulumi preview --target`) is judged as given: the rules see only that part.
 */
export async function evaluateHeadPolicy(
  inputs: readonly HeadInput[],
  config: PolicyConfigInput = {},
): Promise<HeadPolicy> {
  if (inputs.length === 0) return {};
  try {
    // A lazy require, not import(): under the bin (tsx's CommonJS hook) import() takes Node's ES module
    // path, which cannot load the TypeScript folder, and the head would never be judged.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { evaluate, loadInventories, resolvePolicyConfig } = require('../policies') as PoliciesModule;
    // Each file is read by the adapter that recognises its content, as `check` reads it.
    const inventories = inputs.flatMap((input) =>
      loadInventories([input.path], input.environment ? { environment: input.environment } : {}),
    );
    const result = evaluate(inventories, resolvePolicyConfig(config));
    const summary = summarizeFindings(
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
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { note: `The policy engine could not judge the head: ${message}` };
  }
}
