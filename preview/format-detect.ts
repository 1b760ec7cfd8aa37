/**
 * Tells a Terraform plan from a Pulumi preview by content (never by file name), and an environment from a
 * file name (`prod.json`, `plan-prod.json`, `prod.tfplan.json` -> `prod`).
 */
import type { ChangeSet } from './changes';
import { isObject } from './changes';
import { PreviewInputError } from './errors';
import { looksLikePulumiPreview, parsePulumiPreview } from './pulumi-preview';
import type { TerraformPlanOptions } from './terraform-plan';
import { looksLikeTerraform, parseTerraformPlan } from './terraform-plan';

/** The input formats a plan file can have. */
export type InputFormat = 'terraform-plan' | 'pulumi-preview' | 'unknown';

/** The format of a parsed document. */
export function detectFormat(document: unknown): InputFormat {
  if (looksLikeTerraform(document)) return 'terraform-plan';
  if (looksLikePulumiPreview(document)) return 'pulumi-preview';
  return 'unknown';
}

/** Parses a document of either format into the change set of `stack`; throws `PreviewInputError` otherwise. */
export function parsePlanDocument(
  document: unknown,
  stack: string,
  options: TerraformPlanOptions = {},
): ChangeSet {
  switch (detectFormat(document)) {
    case 'terraform-plan':
      return parseTerraformPlan(document, stack, options);
    case 'pulumi-preview':
      return parsePulumiPreview(document, stack);
    default:
      if (isObject(document) && isObject(document.resource) && '//' in document) {
        throw new PreviewInputError(
          'this is a synthesized cdk.tf.json, not a plan: use --base <dir> --head <dir>',
        );
      }
      throw new PreviewInputError(
        'neither a Terraform plan (`terraform show -json`) nor a Pulumi preview (`pulumi preview --json`)',
      );
  }
}

export { environmentFromFileName } from '../policies/inventory/environment-name';
