/**
 * The blocks of one module from its files: every file's blocks in one namespace (a resource in one
 * file references a registry in another), override files merged into the blocks they override,
 * blocks declared twice rejected. Source: Terraform "Modules" (a module is the `.tf` and `.tf.json`
 * files of one folder) and "Override Files".
 */
import path from 'node:path';
import type { Block, LocalValue, TerraformDocument } from './document';
import { rejectDuplicates } from './document';

/** The blocks of a module's files, merged. */
export interface ModuleBlocks {
  readonly resources: readonly Block[];
  readonly data: readonly Block[];
  readonly variables: readonly Block[];
  readonly modules: readonly Block[];
  readonly outputs: readonly Block[];
  readonly locals: readonly LocalValue[];
  /** True when no file has anything to evaluate (see `TerraformDocument.plain`). */
  readonly plain: boolean;
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

/** The merged blocks of one module's documents; throws for a block declared twice. */
export function moduleBlocks(documents: readonly TerraformDocument[]): ModuleBlocks {
  const resources = merged(documents, (d) => d.resources);
  const data = merged(documents, (d) => d.data);
  const variables = merged(documents, (d) => d.variables);
  const modules = merged(documents, (d) => d.modules);
  const outputs = merged(documents, (d) => d.outputs);
  // One file in the object form cannot declare a block twice (a JSON object has each key once).
  if (documents.length > 1 || documents.some((d) => d.mayRepeat)) {
    const mayRepeat = new Set(documents.filter((d) => d.mayRepeat).map((d) => d.file));
    rejectDuplicates(resources, 'resource', mayRepeat);
    rejectDuplicates(data, 'data source', mayRepeat, 'data.');
    rejectDuplicates(variables, 'variable', mayRepeat, 'var.');
    rejectDuplicates(modules, 'module', mayRepeat, 'module.');
    rejectDuplicates(outputs, 'output', mayRepeat, 'output.');
  }
  const plain = documents.every((d) => d.plain);
  return { resources, data, variables, modules, outputs, locals: mergedLocals(documents), plain };
}
