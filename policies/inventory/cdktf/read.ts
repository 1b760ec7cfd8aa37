/**
 * Adapter: synthesized cdktf output (a `cdktf.out/` folder with manifest.json, or one cdk.tf.json) to
 * inventories, one per stack. Provider defaults for absent attributes are applied in `build.ts`.
 */
import path from 'node:path';
import { InventoryInputError } from '../errors';
import { parseJsonText, readJsonFile } from '../read-json';
import { buildInventory } from '../terraform-resources/build';
import type { RawResource, RawSuppression } from '../terraform-resources/raw';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory } from '../types';

/** The key under `"//"` where this toolkit writes its metadata on a resource. */
export const METADATA_KEY = 'acr-iac';

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
    .sort((a, b) => a.name.localeCompare(b.name));
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

/** Shared by the (many) resources without suppressions; frozen since it is shared. */
const NO_SUPPRESSIONS: readonly RawSuppression[] = Object.freeze([]);

function suppressionsOf(meta: Readonly<Record<string, unknown>> | undefined): readonly RawSuppression[] {
  const ours = asRecord(meta?.[METADATA_KEY]);
  const list = ours?.suppressions;
  if (!Array.isArray(list)) return NO_SUPPRESSIONS;
  return list.flatMap((item) => {
    const entry = asRecord(item);
    const ruleId = entry?.ruleId ?? entry?.id;
    const reason = entry?.reason;
    return typeof ruleId === 'string' && typeof reason === 'string' ? [{ ruleId, reason }] : [];
  });
}

function readBlocks(section: unknown, mode: 'managed' | 'data', out: RawResource[]): void {
  const byType = asRecord(section);
  if (!byType) return;
  // Object.keys, not Object.entries: no pair array per resource of a large input.
  for (const type of Object.keys(byType)) {
    const resources = asRecord(byType[type]);
    if (!resources) continue;
    for (const name of Object.keys(resources)) {
      const values = asRecord(resources[name]) ?? {};
      const meta = asRecord(values['//']);
      const metadata = asRecord(meta?.metadata);
      const lifecycle = asRecord(values.lifecycle);
      const constructPath = typeof metadata?.path === 'string' ? metadata.path : undefined;
      out.push({
        mode,
        type,
        name,
        address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
        values,
        preventDestroy: lifecycle?.prevent_destroy === true,
        constructPath,
        suppressions: suppressionsOf(meta),
      });
    }
  }
}

/** The resources of a parsed cdk.tf.json document. */
export function cdktfResources(doc: unknown): RawResource[] {
  const record = asRecord(doc) ?? {};
  const out: RawResource[] = [];
  readBlocks(record.resource, 'managed', out);
  readBlocks(record.data, 'data', out);
  return out;
}

/**
 * The inventory of one parsed cdk.tf.json.
 * @param doc parsed JSON
 * @param environment stack / environment name
 * @param file the file's display path (relative), used in source locations
 */
export function inventoryFromCdktfJson(doc: unknown, environment: string, file: string): Inventory {
  if (!isCdktfDocument(doc))
    throw new InventoryInputError(`${file}: not a cdk.tf.json (no "resource", "data" or "terraform" key)`);
  return buildInventory(cdktfResources(doc), { environment, file, format: 'cdktf' });
}

/** Reads one cdk.tf.json file. */
export function readCdktfFile(file: string, environment: string, displayFile: string): Inventory {
  return inventoryFromCdktfJson(readJsonFile(file, displayFile), environment, displayFile);
}
