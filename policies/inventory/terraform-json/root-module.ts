/**
 * A Terraform root module from its files (module-blocks.ts): variables and locals evaluated,
 * resources expanded, local module calls read as child modules (child-modules.ts). The one reading
 * path of hand-written Terraform JSON and of cdktf's `cdk.tf.json` (a synthesized stack is a root
 * module of one file). Source: Terraform "Modules".
 */
import type { RawModuleCall, RawResource } from '../terraform-resources/raw';
import type { TerraformDocument } from './document';
import type { ModuleFolders, ModuleReading } from './child-modules';
import { prepareModule, readPreparedModule } from './child-modules';
import { moduleBlocks } from './module-blocks';
import type { VariableInputs } from './module-scope';
import { ModuleScope } from './module-scope';

export { isOverrideFile } from './module-blocks';

/** What a root module declares, read. */
export interface RootModule {
  readonly resources: RawResource[];
  readonly moduleCalls: RawModuleCall[];
  /** Declared variables that have no value (their settings are unknown). */
  readonly unsetVariables: readonly string[];
}

/**
 * Reads the documents of one root module with the variable values given.
 * @param folders where its local module calls' folders are, to read them; without it none is read
 */
export function readRootModule(
  documents: readonly TerraformDocument[],
  inputs: VariableInputs = {},
  folders?: ModuleFolders,
): RootModule {
  const blocks = moduleBlocks(documents);
  const scope = new ModuleScope(blocks.variables, blocks.locals, inputs);
  const module = prepareModule(blocks, scope, '', '', folders?.folder ?? '', folders, 0);
  const out: ModuleReading = { resources: [], moduleCalls: [] };
  readPreparedModule(module, out);
  return { resources: out.resources, moduleCalls: out.moduleCalls, unsetVariables: scope.unset() };
}
