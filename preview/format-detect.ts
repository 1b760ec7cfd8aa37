/**
 * Tells a Terraform plan from a Pulumi preview by content (never by file name), and an environment from a
 * file name (`prod.json`, `plan-prod.json`, `prod.tfplan.json` -> `prod`). Reading either format into a
 * change set is read-plan.ts.
 */
import { looksLikePulumiPreview } from './pulumi-preview';
import { looksLikeTerraform } from './terraform-plan';

/** The input formats a plan file can have. */
export type InputFormat = 'terraform-plan' | 'pulumi-preview' | 'unknown';

/** The format of a parsed document. */
export function detectFormat(document: unknown): InputFormat {
  if (looksLikeTerraform(document)) return 'terraform-plan';
  if (looksLikePulumiPreview(document)) return 'pulumi-preview';
  return 'unknown';
}

export { parsePlanDocument } from './read-plan';
export { environmentFromFileName } from '../policies/inventory/environment-name';
