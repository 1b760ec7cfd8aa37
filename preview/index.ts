/**
 * Pull-request plan previews: change sets from Terraform plans, Pulumi previews or two synthesized trees,
 * then dangers, cost and one Markdown comment. Pure functions over parsed data, except `loadSynthTree`.
 */
import type { ChangeSet } from './changes';
import type { CostOptions } from './cost';
import { estimateCosts } from './cost';
import { findDangers } from './danger';
import type { PolicySummary } from './policy-summary';
import type { PreviewReport } from './render';

export * from './changes';
export * from './cost';
export * from './danger';
export * from './errors';
export * from './format-detect';
export * from './policy-summary';
export * from './pulumi-preview';
export * from './policy-delta';
export * from './protection-settings';
export * from './purge-step';
export { parsePulumiPreview, parseTerraformPlan, readPlanFile, readPlanFileAlongside } from './read-plan';
export type { AlongsideRead, PlanFormat, PlanInput } from './read-plan';
export * from './redact';
export * from './regressions';
export * from './render';
export * from './synth-diff';
export * from './synth-tree';
export * from './terraform-plan';

/** Options of `buildReport`. */
export interface ReportOptions extends CostOptions {
  /** The policy result for the head state, already computed. */
  readonly policy?: PolicySummary;
  /** A caveat about the policy result. */
  readonly policyNote?: string;
  /** Environments in promotion order, for the push-into-a-promotion-target regressions. @default none */
  readonly order?: readonly string[];
}

/** Computes what the comment shows from the change sets. */
export function buildReport(changeSets: readonly ChangeSet[], options: ReportOptions = {}): PreviewReport {
  return {
    changeSets,
    dangers: findDangers(changeSets, options.order ? { order: options.order } : {}),
    cost: estimateCosts(changeSets, options),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.policyNote ? { policyNote: options.policyNote } : {}),
  };
}
