/**
 * Tells a Terraform plan from a Pulumi preview by content (never by file name), and an environment from a
 * file name (`prod.json`, `plan-prod.json`, `prod.tfplan.json` -> `prod`).
 */
import { basename } from 'node:path';
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

const SUFFIXES = /([._-](tfplan|plan|preview|pulumi|terraform))+$/i;
const PREFIXES = /^((tfplan|plan|preview|pulumi|terraform)[._-])+/i;
const DECORATION_ONLY = /^(tfplan|plan|preview|pulumi|terraform)$/i;

/** The environment a file name names, or undefined when nothing is left after the usual decorations. */
export function environmentFromFileName(file: string): string | undefined {
  const stem = basename(file).replace(/\.json$/i, '');
  const env = stem.replace(SUFFIXES, '').replace(PREFIXES, '');
  return env === '' || DECORATION_ONLY.test(env) ? undefined : env;
}
