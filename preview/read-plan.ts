/**
 * Plan files and documents to change sets: a Terraform plan or a Pulumi preview, told apart by content
 * (never by file name), read by the same reader `check` uses (policies/inventory/read-document.ts), so
 * both commands accept and refuse the same inputs with the same one-line messages.
 */
import type { InputDocument, ReadDocumentOptions } from '../policies/inventory/read-document';
import { readDocumentFile, readParsedDocument } from '../policies/inventory/read-document';
import { InventoryInputError } from '../policies/inventory/errors';
import { pairReads } from '../policies/inventory/read-pair';
import type { ChangeSet, ResourceChange } from './changes';
import { sortResources } from './changes';
import { PreviewInputError } from './errors';
import type { Step } from './pulumi-preview';
import { pulumiPreviewNotes, pulumiPreviewOptions, pulumiResources } from './pulumi-preview';
import type { TerraformPlanOptions } from './terraform-plan';
import { terraformPlanNotes, terraformPlanOptions, withConfigurationReferences } from './terraform-plan';
import { ValueBudget } from './value-budget';

/** The input formats a plan file can have. */
export type PlanFormat = 'terraform-plan' | 'pulumi-preview';

/** A change set and the format it was read from. */
export interface PlanInput {
  readonly changeSet: ChangeSet;
  readonly format: PlanFormat;
}

type Document = InputDocument<ResourceChange, Step>;

function options(
  formats: readonly PlanFormat[],
  plan: TerraformPlanOptions,
  budget: ValueBudget,
): ReadDocumentOptions<ResourceChange, Step> {
  return {
    ...(formats.includes('terraform-plan') ? { plan: terraformPlanOptions(plan, budget) } : {}),
    ...(formats.includes('pulumi-preview') ? { preview: pulumiPreviewOptions(budget) } : {}),
  };
}

function changeSetOf(document: Document, stack: string, shown: string, budget: ValueBudget): PlanInput {
  if (document.format === 'terraform-plan') {
    const { plan } = document;
    const notes = [...terraformPlanNotes(plan), ...budget.notes()];
    const changeSet = {
      stack,
      source: 'terraform-plan' as const,
      resources: sortResources(withConfigurationReferences(plan.changes, plan.configuration)),
      notes,
    };
    return { changeSet, format: 'terraform-plan' };
  }
  if (document.format === 'pulumi-preview') {
    const { preview } = document;
    const notes = [...pulumiPreviewNotes(preview), ...budget.notes()];
    const resources = sortResources(pulumiResources(preview.steps));
    return { changeSet: { stack, source: 'pulumi-preview', resources, notes }, format: 'pulumi-preview' };
  }
  if (document.keys.has('resource') || document.keys.has('terraform'))
    throw new InventoryInputError(
      `${shown}: is a synthesized cdk.tf.json, not a plan: use --base <dir> --head <dir>`,
    );
  throw new InventoryInputError(
    `${shown}: neither a Terraform plan (\`terraform show -json\`) nor a Pulumi preview (\`pulumi preview --json\`)`,
  );
}

/**
 * Reads a plan or preview file (`shown` in messages) into the change set of `stack`. Throws
 * InventoryInputError (one line naming `shown`) for unusable input.
 */
export function readPlanFile(
  file: string,
  shown: string,
  stack: string,
  plan: TerraformPlanOptions = {},
): PlanInput {
  const budget = new ValueBudget();
  const formats: PlanFormat[] = ['terraform-plan', 'pulumi-preview'];
  return changeSetOf(readDocumentFile(file, shown, options(formats, plan, budget)), stack, shown, budget);
}

/** What `readPlanFileAlongside` read for the other caller: its document, or the error its work threw. */
export type AlongsideRead<T, S> = InputDocument<T, S> | { readonly error: unknown };

/**
 * `readPlanFile`, with what `alongside` keeps of the same file collected in the same read: the CLI's
 * head policy reads the plan as `check` does, and a large plan is then parsed and validated once.
 * Input errors throw as in `readPlanFile`; an error of `alongside`'s own work is returned, not thrown.
 */
export function readPlanFileAlongside<T, S>(
  file: string,
  shown: string,
  stack: string,
  plan: TerraformPlanOptions,
  alongside: ReadDocumentOptions<T, S>,
): PlanInput & { readonly alongside: AlongsideRead<T, S> } {
  const budget = new ValueBudget();
  const formats: PlanFormat[] = ['terraform-plan', 'pulumi-preview'];
  const paired = pairReads(options(formats, plan, budget), alongside);
  const { first, second } = paired.split(readDocumentFile(file, shown, paired.options));
  return { ...changeSetOf(first, stack, shown, budget), alongside: second };
}

/** Reads a parsed document of the given formats; input errors become PreviewInputError. */
function parseDocument(
  document: unknown,
  stack: string,
  formats: readonly PlanFormat[],
  plan: TerraformPlanOptions,
  shown: string,
): ChangeSet {
  const budget = new ValueBudget();
  try {
    const read = readParsedDocument(document, shown, options(formats, plan, budget));
    if (read.format !== 'other' && !formats.includes(read.format)) {
      throw new InventoryInputError(
        formats[0] === 'terraform-plan' ? `${shown}: not a Terraform plan` : `${shown}: not a Pulumi preview`,
      );
    }
    if (read.format === 'other' && formats.length === 1) {
      throw new InventoryInputError(
        formats[0] === 'terraform-plan'
          ? `${shown}: not a Terraform plan (expected \`terraform show -json\` output)`
          : `${shown}: not a Pulumi preview (expected \`pulumi preview --json\` output with "steps")`,
      );
    }
    return changeSetOf(read, stack, shown, budget).changeSet;
  } catch (error) {
    if (error instanceof InventoryInputError) throw new PreviewInputError(error.message);
    throw error;
  }
}

/** Turns a parsed plan document into the change set of `stack`; throws `PreviewInputError` when it is not one. */
export function parseTerraformPlan(
  document: unknown,
  stack: string,
  plan: TerraformPlanOptions = {},
): ChangeSet {
  return parseDocument(document, stack, ['terraform-plan'], plan, `${stack} plan`);
}

/** Turns a parsed preview document into the change set of `stack`; throws `PreviewInputError` when it is not one. */
export function parsePulumiPreview(document: unknown, stack: string): ChangeSet {
  return parseDocument(document, stack, ['pulumi-preview'], {}, `${stack} preview`);
}

/** Parses a document of either format into the change set of `stack`; throws `PreviewInputError` otherwise. */
export function parsePlanDocument(
  document: unknown,
  stack: string,
  plan: TerraformPlanOptions = {},
): ChangeSet {
  return parseDocument(document, stack, ['terraform-plan', 'pulumi-preview'], plan, `${stack} plan`);
}
