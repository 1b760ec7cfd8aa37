/**
 * `acr-iac check --pulumi <stack>`: runs the Pulumi program of a stack under mocks (no Pulumi CLI, no
 * Azure account), builds its inventory and judges it with the same catalogue as any other input,
 * together with any paths also given.
 */
import type { CheckResult, PolicyConfigInput } from '../policies';
import { InventoryInputError, checkInventories, loadInventories } from '../policies';
import { inventoryFromPulumiStack } from '../policies/inventory/pulumi-program/run';
import { UsageError } from './errors';

/** Options of `checkPulumiStack`. */
export interface PulumiCheckOptions {
  /** Other inputs judged with the stack (cdktf.out folders, cdk.tf.json, plan JSON). @default [] */
  readonly paths?: readonly string[];
  /** Environment of single-file inputs outside `stacks/<env>/`. */
  readonly environment?: string | undefined;
  readonly config?: PolicyConfigInput | undefined;
  /** A suppressions JSON file. */
  readonly suppressionsFile?: string | undefined;
  /** Folder of Pulumi.yaml and the stack files. @default process.cwd() */
  readonly cwd?: string;
}

/** Checks the Pulumi stack `stack` (and any other paths); throws UsageError for unusable input. */
export async function checkPulumiStack(
  stack: string,
  options: PulumiCheckOptions = {},
): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  try {
    const others =
      options.paths && options.paths.length > 0
        ? loadInventories(options.paths, { environment: options.environment, cwd })
        : [];
    const inventories = [...others, await inventoryFromPulumiStack(stack, { cwd })];
    return checkInventories(inventories, { ...options, cwd });
  } catch (error) {
    if (error instanceof InventoryInputError) throw new UsageError(error.message);
    throw error;
  }
}
