/**
 * Policy-as-code: the public API. Adapters turn rendered output into inventories, rules judge them,
 * promotion rules look across environments, reports render the result.
 *
 * ```ts
 * const result = checkPaths(['cdktf.out'], { config: { order: ['dev', 'staging', 'prod'] } });
 * if (result.mandatoryFailures > 0) console.log(renderReport(result, 'markdown'));
 * ```
 */
import path from 'node:path';
import type { PolicyConfigInput } from './config';
import { resolvePolicyConfig } from './config';
import type { EvaluationResult } from './evaluate';
import { evaluate } from './evaluate';
import { displayPath, loadInventories } from './inventory/load';
import { readJsonFile } from './inventory/read-json';
import type { Inventory } from './inventory/types';
import { isRuleId } from './rules/catalogue';
import { suppressionsFromJson } from './suppressions';

export { evaluate } from './evaluate';
export type { EnvironmentSummary, EvaluationResult, Finding, ResultCounts } from './evaluate';
export {
  DEFAULT_ORDER,
  enforcementOf,
  policyConfigFromEstate,
  postureOf,
  resolvePolicyConfig,
} from './config';
export type { PolicyConfig, PolicyConfigInput } from './config';
export { DOCUMENT_ADAPTERS, checkAlongside, loadInventories } from './inventory/load';
export type { DocumentAdapter, LoadOptions } from './inventory/load';
export { InventoryInputError } from './inventory/errors';
export { inventoryFromCdktfJson } from './inventory/cdktf/read';
export { inventoryFromTerraformJson } from './inventory/terraform-json/read';
export { inventoryFromPlanJson } from './inventory/plan/read';
export { inventoryFromPulumiPreviewJson, isPulumiPreviewDocument } from './inventory/pulumi-preview/read';
export type * from './inventory/types';
export { UNKNOWN, isUnknown } from './inventory/types';
export { ESTATE_RULES, REGISTRY_RULES, RULES, isRuleId, ruleById } from './rules/catalogue';
export type { Posture, Result, Rule, RuleInfo, Severity } from './rules/types';
export type { Suppression, UnusedSuppression } from './suppressions';
export { parseSuppressionsFile, suppressionsFromJson } from './suppressions';
export { REPORT_FORMATS, renderReport } from './report';
export type { LineLookup, ReportFormat, ReportOptions } from './report';
export { lineLookup, resourceLines } from './report';
export { declarationLookup } from './report';
export type { DeclarationLine, DeclarationLookup } from './report';
export { addPolicyGate, formatGateFailure } from './gate';
export type { GatedApp, GatedStack } from './gate';
export { POSTURES } from './rules/types';
export { displayPath } from './inventory/load';
export { hclFilesOf, isHclFile, readHclFiles } from './inventory/terraform-json/hcl';

/** Options of `checkPaths`. */
export interface CheckOptions {
  /** Environment of single-file inputs outside `stacks/<env>/` (e.g. a plan file). */
  readonly environment?: string | undefined;
  /** `-var name=value` for Terraform configuration inputs (root modules, `*.tf.json`). @default [] */
  readonly vars?: readonly string[] | undefined;
  /** `--var-file` paths for Terraform configuration inputs. @default [] */
  readonly varFiles?: readonly string[] | undefined;
  /** HCL files converted by `readHclFiles` (needed for `*.tf` inputs), by absolute path. @default none */
  readonly hcl?: ReadonlyMap<string, unknown> | undefined;
  /** Policy configuration; absent parts take their defaults. */
  readonly config?: PolicyConfigInput | undefined;
  /** A suppressions JSON file, added to `config.suppressions`. */
  readonly suppressionsFile?: string | undefined;
  /** Directory relative paths and report paths are taken from. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/** The result of `checkPaths`: the evaluation and the inventories it judged. */
export interface CheckResult extends EvaluationResult {
  readonly inventories: readonly Inventory[];
}

/**
 * Reads the inputs (cdktf.out folders, cdk.tf.json files, Terraform plan or Pulumi preview JSON
 * files) and evaluates every rule. Throws InventoryInputError (one line) for unusable input.
 */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): CheckResult {
  const cwd = options.cwd ?? process.cwd();
  const inventories = loadInventories(paths, {
    environment: options.environment,
    cwd,
    // A file or folder name names an environment only when it names one of the chain.
    knownEnvironments: resolvePolicyConfig(options.config).order,
    vars: options.vars ?? [],
    varFiles: options.varFiles ?? [],
    ...(options.hcl ? { hcl: options.hcl } : {}),
  });
  return checkInventories(inventories, options);
}

/**
 * Evaluates every rule over inventories an adapter already built (e.g. from a Pulumi program), with
 * the config and the suppressions file of `options`. Throws InventoryInputError for an unusable
 * suppressions file.
 */
export function checkInventories(inventories: readonly Inventory[], options: CheckOptions = {}): CheckResult {
  const cwd = options.cwd ?? process.cwd();
  const config = resolvePolicyConfig(options.config);
  let suppressions = config.suppressions;
  if (options.suppressionsFile) {
    const shown = displayPath(options.suppressionsFile, cwd);
    const doc = readJsonFile(path.resolve(cwd, options.suppressionsFile), shown);
    suppressions = [...suppressions, ...suppressionsFromJson(doc, shown, isRuleId)];
  }
  return { ...evaluate(inventories, { ...config, suppressions }), inventories };
}
