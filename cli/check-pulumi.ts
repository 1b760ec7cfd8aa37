/**
 * `acr-iac check --pulumi <stack>`: runs the estate's Pulumi program for a stack under mocks (no Pulumi
 * CLI, no Azure account), builds its inventory and judges it with the same catalogue as any other
 * input, together with any paths also given. Loads the Pulumi engine only here.
 */
import type { EstateDeclaration } from '../constructs/model/declaration';
import type { CheckResult, PolicyConfigInput } from '../policies';
import * as engines from './engines';
import { UsageError } from './errors';

/** Options of `checkPulumiStack`. */
export interface PulumiCheckOptions {
  /** The estate whose program the stack runs. */
  readonly estate: EstateDeclaration;
  /** Other inputs judged with the stack (cdktf.out folders, cdk.tf.json, plan JSON). @default [] */
  readonly paths?: readonly string[] | undefined;
  /** Environment of single-file inputs outside `stacks/<env>/`. */
  readonly environment?: string | undefined;
  readonly config?: PolicyConfigInput | undefined;
  /** A suppressions JSON file. */
  readonly suppressionsFile?: string | undefined;
  /** Folder of Pulumi.yaml and the stack files. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/** Checks the Pulumi stack `stack` (and any other paths); throws UsageError for unusable input. */
export async function checkPulumiStack(stack: string, options: PulumiCheckOptions): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const policies = engines.policies();
  const { definePulumiProgram, inventoryFromPulumiStack } = engines.pulumiProgram('check --pulumi');
  try {
    const others =
      options.paths && options.paths.length > 0
        ? policies.loadInventories(options.paths, { environment: options.environment, cwd })
        : [];
    const program = (): unknown => definePulumiProgram(options.estate);
    const stackInventory = await inventoryFromPulumiStack(stack, { cwd, program });
    const origin = { from: 'pulumi-stack' as const, detail: `--pulumi ${stack}` };
    const inventories = [...others, { ...stackInventory, environmentOrigin: origin }];
    return policies.checkInventories(inventories, { ...options, cwd });
  } catch (error) {
    if (error instanceof policies.InventoryInputError) throw new UsageError(error.message);
    throw error;
  }
}
