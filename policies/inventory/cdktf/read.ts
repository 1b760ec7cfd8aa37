/**
 * Adapter: synthesized cdktf output (a `cdktf.out/` folder with manifest.json, or one cdk.tf.json) to
 * inventories, one per stack. A cdk.tf.json is Terraform JSON: it is read by the same path as a
 * hand-written root module (`terraform-json/`), so its structure is checked the same way and its
 * variables, `count`, `for_each` and `dynamic` blocks mean the same. Provider defaults for absent
 * attributes are applied in `terraform-resources/build.ts`.
 */
import path from 'node:path';
import { InventoryInputError } from '../errors';
import { parseJsonText, readJsonFile, readJsonInput } from '../read-json';
import { buildInventory } from '../terraform-resources/build';
import type { RawResource } from '../terraform-resources/raw';
import { asRecord } from '../terraform-resources/raw';
import { readDocument } from '../terraform-json/document';
import type { VariableInputs } from '../terraform-json/module-scope';
import { readRootModule } from '../terraform-json/root-module';
import type { Inventory } from '../types';
import { compareCodeUnits } from '../../../constructs/model/order';

export { METADATA_KEY } from '../terraform-json/expand';

/** A stack of a cdktf.out folder. */
export interface CdktfStackFile {
  /** Stack (environment) name. */
  readonly name: string;
  /** Absolute or cwd-relative path of its cdk.tf.json. */
  readonly file: string;
}

/** The stacks listed by `cdktf.out/manifest.json`, sorted by name. */
export function listCdktfStacks(outDir: string): CdktfStackFile[] {
  const manifestFile = path.join(outDir, 'manifest.json');
  let manifestDoc: unknown;
  try {
    manifestDoc = readJsonFile(manifestFile, manifestFile);
  } catch (error) {
    if (error instanceof InventoryInputError && error.message.endsWith(': no such file'))
      throw new InventoryInputError(`${outDir}: no manifest.json (is this a cdktf.out folder?)`);
    throw error;
  }
  const manifest = asRecord(manifestDoc);
  const stacks = asRecord(manifest?.stacks);
  if (!stacks) throw new InventoryInputError(`${manifestFile}: no "stacks" object`);
  return Object.entries(stacks)
    .map(([name, entry]) => {
      const stackPath = asRecord(entry)?.synthesizedStackPath;
      const relative = typeof stackPath === 'string' ? stackPath : path.join('stacks', name, 'cdk.tf.json');
      return { name, file: path.join(outDir, relative) };
    })
    .sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** Parses JSON text within the input limits (read-json.ts); a syntax error is a one-line input error. */
export function parseJson(text: string, file: string): unknown {
  return parseJsonText(text, file);
}

/** True when a parsed document looks like a synthesized cdk.tf.json (resource/data/terraform keys). */
export function isCdktfDocument(doc: unknown): boolean {
  const record = asRecord(doc);
  return (
    record !== undefined &&
    ('resource' in record || 'data' in record || 'terraform' in record) &&
    !('format_version' in record)
  );
}

/** The resources of a parsed cdk.tf.json document (`file` names it in errors). */
export function cdktfResources(
  doc: unknown,
  file = 'cdk.tf.json',
  inputs: VariableInputs = {},
): RawResource[] {
  return readRootModule([readDocument(doc, file)], inputs).resources;
}

/**
 * The inventory of one parsed cdk.tf.json.
 * @param doc parsed JSON
 * @param environment stack / environment name
 * @param file the file's display path (relative), used in source locations
 */
export function inventoryFromCdktfJson(
  doc: unknown,
  environment: string,
  file: string,
  text?: string,
): Inventory {
  if (!isCdktfDocument(doc))
    throw new InventoryInputError(`${file}: not a cdk.tf.json (no "resource", "data" or "terraform" key)`);
  const module = readRootModule([readDocument(doc, file, text)]);
  return buildInventory(module.resources, {
    environment,
    file,
    format: 'cdktf',
    moduleCalls: module.moduleCalls,
  });
}

/** Reads one cdk.tf.json file. */
export function readCdktfFile(file: string, environment: string, displayFile: string): Inventory {
  const { doc, text } = readJsonInput(file, displayFile);
  return inventoryFromCdktfJson(doc, environment, displayFile, text);
}
