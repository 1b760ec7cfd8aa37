/**
 * The policy result for the head state of a preview, computed through the policy engine (`policies/`)
 * and summarized for the comment. The engine is loaded only when a preview runs. It judges synthesized
 * trees and Terraform plans; Pulumi previews carry no inputs it can judge, which the comment then says.
 */
import type { PolicySummary } from '../preview';
import type { PolicyConfigInput } from '../policies/config';
import { summarizeFindings } from '../preview';

/** One head input: a plan file with its environment, or the head synthesized tree. */
export interface HeadInput {
  readonly path: string;
  readonly format: 'terraform-plan' | 'pulumi-preview' | 'synth-tree';
  readonly environment?: string;
}

/** The summary, or why there is none / what it did not cover. */
export interface HeadPolicy {
  readonly summary?: PolicySummary;
  readonly note?: string;
}

/** Evaluates every policy rule on the head inputs; never throws (a failure becomes a note). */
export async function evaluateHeadPolicy(
  inputs: readonly HeadInput[],
  config: PolicyConfigInput = {},
): Promise<HeadPolicy> {
  const judged = inputs.filter((input) => input.format !== 'pulumi-preview');
  const skipped = inputs.length - judged.length;
  const skippedNote =
    skipped > 0
      ? 'Pulumi previews are not judged here: the policy engine reads synthesized Terraform JSON and plans.'
      : undefined;
  if (judged.length === 0) return skippedNote ? { note: skippedNote } : {};
  try {
    const { evaluate, loadInventories, resolvePolicyConfig } = await import('../policies');
    const inventories = judged.flatMap((input) =>
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
    return { summary, ...(skippedNote ? { note: skippedNote } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { note: `The policy engine could not judge the head: ${message}` };
  }
}
