/**
 * A Terraform root module from its files: every file's blocks in one namespace (a resource in one file
 * references a registry in another), override files merged into the blocks they override, variables
 * and locals evaluated, resources expanded. The one reading path of hand-written Terraform JSON and of
 * cdktf's `cdk.tf.json` (a synthesized stack is a root module of one file).
 * Source: Terraform "Modules" (a root module is the `.tf` and `.tf.json` files of one folder) and
 * "Override Files".
 */
import path from 'node:path';
import type { RawModuleCall, RawResource } from '../terraform-resources/raw';
import { UNKNOWN } from '../types';
import type { Block, LocalValue, TerraformDocument } from './document';
import { rejectDuplicates } from './document';
import { moduleArguments, readResources } from './expand';
import { ModuleInstances } from './instances';
import type { VariableInputs } from './module-scope';
import { ModuleScope, evaluateText } from './module-scope';

/** What a root module declares, read. */
export interface RootModule {
  readonly resources: RawResource[];
  readonly moduleCalls: RawModuleCall[];
  /** Declared variables that have no value (their settings are unknown). */
  readonly unsetVariables: readonly string[];
}

/** True for an override file (`override.tf.json`, `*_override.tf.json`), merged after the others. */
export function isOverrideFile(file: string): boolean {
  const base = path.basename(file).replace(/\.tf(\.json)?$/, '');
  return base === 'override' || base.endsWith('_override');
}

/** Blocks of `base` with each override block's arguments replacing the ones of the block it names. */
function withOverrides(base: readonly Block[], overrides: readonly Block[]): Block[] {
  const byKey = new Map(base.map((block, i) => [block.labels.join('.'), i]));
  const out = [...base];
  for (const override of overrides) {
    const i = byKey.get(override.labels.join('.'));
    // An override of a block nobody declares is an error in Terraform; keep it so duplicates are named.
    if (i === undefined) out.push(override);
    else {
      const { labels, body, path, file } = out[i];
      out[i] = { labels, body: { ...body, ...override.body }, path, file };
    }
  }
  return out;
}

function merged(
  documents: readonly TerraformDocument[],
  pick: (doc: TerraformDocument) => readonly Block[],
): readonly Block[] {
  if (documents.length === 1 && !isOverrideFile(documents[0].file)) return pick(documents[0]);
  const base: (readonly Block[])[] = [];
  const overrides: (readonly Block[])[] = [];
  for (const document of documents) (isOverrideFile(document.file) ? overrides : base).push(pick(document));
  // One concat, which sizes the list once (a large module's files hold thousands of blocks).
  const blocks = ([] as Block[]).concat(...base);
  return overrides.length === 0 ? blocks : withOverrides(blocks, ([] as Block[]).concat(...overrides));
}

/**
 * The locals of a module's files, those of override files replacing the ones of the same name
 * ("Merging locals blocks": overrides apply value by value, whichever block defines them); a name
 * declared twice outside override files stays twice, for ModuleScope to reject.
 */
function mergedLocals(documents: readonly TerraformDocument[]): LocalValue[] {
  const base = documents.filter((d) => !isOverrideFile(d.file)).flatMap((d) => d.locals);
  const overrides = documents.filter((d) => isOverrideFile(d.file)).flatMap((d) => d.locals);
  if (overrides.length === 0) return base;
  const byName = new Map(overrides.map((local) => [local.name, local]));
  const out = base.map((local) => byName.get(local.name) ?? local);
  // An override of a local nobody declares: Terraform rejects it; kept, so it is read as declared.
  const declared = new Set(base.map((local) => local.name));
  return [...out, ...[...byName.values()].filter((local) => !declared.has(local.name))];
}

/** Reads the documents of one root module with the variable values given. */
export function readRootModule(
  documents: readonly TerraformDocument[],
  inputs: VariableInputs = {},
): RootModule {
  const resources = merged(documents, (d) => d.resources);
  const data = merged(documents, (d) => d.data);
  const variables = merged(documents, (d) => d.variables);
  const modules = merged(documents, (d) => d.modules);
  // One file in the object form cannot declare a block twice (a JSON object has each key once).
  if (documents.length > 1 || documents.some((d) => d.mayRepeat)) {
    const mayRepeat = new Set(documents.filter((d) => d.mayRepeat).map((d) => d.file));
    rejectDuplicates(resources, 'resource', mayRepeat);
    rejectDuplicates(data, 'data source', mayRepeat, 'data.');
    rejectDuplicates(variables, 'variable', mayRepeat, 'var.');
    rejectDuplicates(modules, 'module', mayRepeat, 'module.');
  }
  const scope = new ModuleScope(variables, mergedLocals(documents), inputs);
  const raw: RawResource[] = [];
  const plain = documents.every((d) => d.plain);
  const instances = new ModuleInstances(scope);
  readResources(resources, 'managed', instances, plain, raw);
  readResources(data, 'data', instances, plain, raw);
  const moduleCalls = modules.map((block): RawModuleCall => {
    const name = block.labels[0];
    const source = block.body.source;
    const evaluated = typeof source === 'string' ? evaluateText(source, scope) : UNKNOWN;
    return {
      address: `module.${name}`,
      name,
      file: block.file,
      source: typeof evaluated === 'string' ? evaluated : UNKNOWN,
      values: moduleArguments(block, instances),
      ...(block.body.count !== undefined || block.body.for_each !== undefined ? { presence: UNKNOWN } : {}),
    };
  });
  return { resources: raw, moduleCalls, unsetVariables: scope.unset() };
}
